/**
 * For tests: a customer's browser reduced to what the bank needs, over real HTTP. It keeps
 * cookies, follows redirects, and posts forms with the CSRF token of the page it last saw,
 * unless a test asks it to leave the token out or send another one. `submit` sends one post
 * and stops at its answer, to check that the bank answers every post with a redirect.
 */

export interface Page {
  readonly status: number;
  /** Path of the page finally shown, after redirects. */
  readonly path: string;
  readonly html: string;
  /** The visible text, tags removed and whitespace collapsed, for asserting sentences. */
  readonly text: string;
  readonly headers: Headers;
}

export interface PostOptions {
  /** false: no `_csrf` field; a string: that token instead of the page's. */
  readonly csrf?: false | string;
  /** Send this exact body instead of encoding `fields`. */
  readonly rawBody?: string;
  readonly contentType?: string;
}

/** A post's own answer, before any redirect is followed. */
export interface Answer {
  readonly status: number;
  readonly location: string | null;
  readonly body: string;
}

export function pageText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&gt;/g, '>')
    .replace(/&lt;/g, '<')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

export function csrfOf(html: string): string | null {
  return /name="_csrf" value="([^"]*)"/.exec(html)?.[1] ?? null;
}

export class BankBrowser {
  readonly base: string;
  readonly cookies = new Map<string, string>();
  lastPage: Page | null = null;

  constructor(base: string) {
    this.base = base;
  }

  get csrf(): string | null {
    return this.lastPage === null ? null : csrfOf(this.lastPage.html);
  }

  async get(path: string): Promise<Page> {
    return this.follow(await this.request('GET', path));
  }

  async post(path: string, fields: Record<string, string>, opts: PostOptions = {}): Promise<Page> {
    return this.follow(await this.send(path, fields, opts));
  }

  /** The post alone: its status and Location, as the browser gets them before it goes on. */
  async submit(path: string, fields: Record<string, string>, opts: PostOptions = {}): Promise<Answer> {
    const { response } = await this.send(path, fields, opts);
    return { status: response.status, location: response.headers.get('location'), body: await response.text() };
  }

  private send(path: string, fields: Record<string, string>, opts: PostOptions): Promise<{ response: Response; path: string }> {
    const all = new URLSearchParams(fields);
    const token = opts.csrf === undefined ? this.csrf : opts.csrf;
    if (token !== false && token !== null) all.set('_csrf', token);
    return this.request('POST', path, opts.rawBody ?? all.toString(), opts.contentType ?? 'application/x-www-form-urlencoded');
  }

  private async request(method: string, path: string, body?: string, contentType?: string): Promise<{ response: Response; path: string }> {
    const headers: Record<string, string> = {};
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (contentType !== undefined) headers['content-type'] = contentType;
    const response = await fetch(this.base + path, { method, headers, body, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { response, path };
  }

  private async follow(first: { response: Response; path: string }): Promise<Page> {
    let current = first;
    for (let hops = 0; current.response.status >= 300 && current.response.status < 400; hops++) {
      if (hops > 5) throw new Error('Too many redirects');
      await current.response.arrayBuffer();
      const location = current.response.headers.get('location');
      if (location === null) throw new Error('A redirect without a location');
      current = await this.request('GET', location);
    }
    const html = await current.response.text();
    const page: Page = { status: current.response.status, path: current.path, html, text: pageText(html), headers: current.response.headers };
    this.lastPage = page;
    return page;
  }
}
