// TEMPORARY: replaced by lib/engines/local when it lands.
import type { Engine } from './types';

export const localEngine: Engine = {
  name: 'local',
  async run(ctx) {
    const last = ctx.request.messages.at(-1)?.text ?? '';
    const repeat = /^repeat (\d+)/i.exec(last);
    const tokens = repeat ? Array.from({ length: Number(repeat[1]) }, (_, i) => ` t${i + 1}`) : ['Hello', ' there', '.'];
    for (const token of tokens) {
      if (ctx.signal.aborted) throw new Error('aborted');
      if (ctx.config.LOCAL_TOKEN_DELAY_MS) await new Promise((r) => setTimeout(r, ctx.config.LOCAL_TOKEN_DELAY_MS));
      await ctx.emit({ type: 'token', data: { token } });
    }
    const fn = ctx.request.functions?.find((f) => f.result && 'channel' in f.result);
    if (fn?.result && 'channel' in fn.result) await ctx.waitForChannelMessage(fn.result.channel);
    const text = tokens.join('');
    await ctx.emit({ type: 'usage', data: { model: 'local', inputTokensUsed: 1, outputTokensUsed: tokens.length } });
    await ctx.emit({ type: 'result', data: { text, usage: { token: tokens.length + 1 }, end: { reason: 'stop' } } });
  },
};
