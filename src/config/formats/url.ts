import { withoutValueEcho } from './value-echo.js';

// One parser for every URL setting (aspiredu.url, powerschool.url, notify.smtpUrl), so that
// they agree on what a scheme is: the WHATWG parser's, which reads "HTTP://" as "http:". None of
// these URLs may carry a user name, a password or a query: each service takes its credentials
// in settings of their own (secrets, masked and kept out of logs), and sis-sync appends API paths
// and queries to the base URL itself, so a query given here has no use but to leak a token
// (`?token=…`) into logs and `config check`. Messages show the URL without those parts.

export interface UrlRules {
  /** Allowed schemes without the colon, e.g. ["https", "http"]. */
  schemes: readonly string[];
  /** An example for messages: "https://example.aspiredu.com". */
  example: string;
  /** What to say instead of credentials in the URL. */
  credentialsHint: string;
}

/** Parses a URL setting or throws a message that completes "<key>: ..." and never repeats a secret. */
export function parseUrlSetting(value: unknown, rules: UrlRules): URL {
  const fail = (message: string) => withoutValueEcho(new Error(message));
  if (typeof value !== 'string') throw fail(`must be a URL such as ${rules.example}`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw fail(`must be a URL such as ${rules.example}; ${JSON.stringify(redactUrlText(value))} is not one`);
  }
  const shown = redactUrl(url);
  if (!rules.schemes.includes(url.protocol.slice(0, -1))) {
    throw fail(`must start with ${rules.schemes.map((s) => `${s}://`).join(' or ')}, e.g. ${rules.example} (was ${shown})`);
  }
  if (url.hostname === '') throw fail(`must name a server, e.g. ${rules.example}`);
  if (url.username || url.password) throw fail(`must not hold a user name or password: ${rules.credentialsHint} (was ${shown})`);
  if (url.search || url.hash)
    throw fail(`must not hold a query or fragment, as sis-sync adds its own; ${rules.credentialsHint} (was ${shown})`);
  return url;
}

/** The URL with user info and query replaced by "***": safe for messages and logs. */
export function redactUrl(url: URL): string {
  const userInfo = url.username || url.password ? '***@' : '';
  const query = url.search ? '?***' : '';
  const fragment = url.hash ? '#***' : '';
  return `${url.protocol}//${userInfo}${url.host}${url.pathname}${query}${fragment}`;
}

/** For text that does not parse as a URL: cut anything that looks like user info or a query. */
function redactUrlText(text: string): string {
  return text.replace(/\/\/[^/@]*@/, '//***@').replace(/[?#].*$/, '?***');
}

/** Whether a URL setting would send its credentials unencrypted: by the parsed scheme, so "HTTP://" counts. */
export function isPlainHttp(value: string): boolean {
  return URL.canParse(value) && new URL(value).protocol === 'http:';
}
