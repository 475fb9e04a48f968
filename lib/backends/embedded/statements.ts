// Prepared statements, compiled once per connection: better-sqlite3 parses and plans SQL in prepare(),
// which costs more than running a small statement, so every store asks this cache instead of calling
// db.prepare() on each call. SQL texts come from code (a few shapes per query), so the cache stays small.
// Rows are parsed with a zod schema: a row that does not have the shape the code expects fails here,
// with the column named, instead of travelling on under a cast.
import type Database from 'better-sqlite3';
import type { z } from 'zod';

type Params = unknown[];

export interface RowQuery<Row> {
  get(...params: Params): Row | undefined;
  all(...params: Params): Row[];
  iterate(...params: Params): Generator<Row>;
}

export class Statements {
  private readonly prepared = new Map<string, Database.Statement<Params>>();

  constructor(private readonly db: Database.Database) {}

  /** The statement for `sql`, prepared on first use (for statements whose rows are not read). */
  statement(sql: string): Database.Statement<Params> {
    let statement = this.prepared.get(sql);
    if (!statement) {
      statement = this.db.prepare<Params>(sql);
      this.prepared.set(sql, statement);
    }
    return statement;
  }

  /** A statement whose rows are parsed with `row`. */
  query<Schema extends z.ZodType>(sql: string, row: Schema): RowQuery<z.infer<Schema>> {
    const statement = this.statement(sql);
    return {
      get: (...params) => {
        const found = statement.get(...params);
        return found === undefined ? undefined : row.parse(found);
      },
      all: (...params) => statement.all(...params).map((found) => row.parse(found)),
      *iterate(...params) {
        for (const found of statement.iterate(...params)) yield row.parse(found);
      },
    };
  }
}
