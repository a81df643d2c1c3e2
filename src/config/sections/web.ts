import type convict from 'convict';

// The approval page of the daemon: a signed link in the held digest opens a page that shows the
// held plan and lets its reader approve it once, or decline. Off until web.publicUrl is set.

export interface WebSettings {
  web: {
    publicUrl: string;
    host: string;
    port: number;
    linkHours: number;
  };
}

export const webSchema: convict.Schema<WebSettings> = {
  web: {
    publicUrl: {
      doc: 'The address people open the approval page at, as your reverse proxy serves it, e.g. https://sis-sync.yourdistrict.org; empty: no link in the held digest and no page served',
      format: 'http-url',
      default: '',
    },
    host: {
      doc: 'Address the approval page server binds to while `sis-sync run` is running; keep 127.0.0.1 and put a reverse proxy with TLS in front',
      format: String,
      default: '127.0.0.1',
    },
    port: {
      doc: 'Port of the approval page server (its own listener, apart from health.port, so that a proxy can expose it alone)',
      format: 'port',
      default: 9465,
    },
    linkHours: {
      doc: 'Hours a link in a held digest stays valid',
      format: 'positive-number',
      default: 72,
    },
  },
};
