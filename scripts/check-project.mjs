// Project checks that are not behaviour (so not counted as tests): run by `npm run lint` and by
// `npm test`'s lint step. TypeScript stays strict, and every script the README promises exists.
import fs from 'node:fs';

const problems = [];
const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

if (readJson('tsconfig.json').compilerOptions?.strict !== true) {
  problems.push('tsconfig.json: compilerOptions.strict must be true.');
}

const { scripts } = readJson('package.json');
const promised = ['dev', 'build', 'start', 'app', 'test', 'test:e2e', 'lint', 'typecheck', 'bench', 'worker'];
for (const name of promised) {
  if (!scripts?.[name])
    problems.push(`package.json: the README promises \`npm run ${name}\`; add the script.`);
}
const readme = fs.readFileSync('README.md', 'utf8');
for (const command of ['npm test', 'npm run app']) {
  if (!readme.includes(command)) problems.push(`README.md: say how to use \`${command}\`.`);
}

for (const problem of problems) process.stderr.write(`${problem}\n`);
process.exit(problems.length === 0 ? 0 : 1);
