// Whether an address's host opens only on the machine itself (localhost, 127.x.x.x, ::1): a share link made
// on such a page opens nowhere else, which a presenter needs to know before showing it to a room.

const LOOPBACK = /^(localhost|.*\.localhost|127(\.\d{1,3}){3}|\[?::1\]?|0\.0\.0\.0)$/i;

export const isLoopbackHost = (hostname: string) => LOOPBACK.test(hostname);
