import { Html, html } from './html.js';
import { PAGE_CSS } from './page-style.js';

// The frame of every page: language, title, viewport for phones, a skip link, and the
// header / main / footer landmarks a screen reader lists. The style sheet goes in unescaped and
// unchanged: its hash in the Content-Security-Policy must match the exact bytes.

export interface PageFrame {
  title: string;
  district: string;
  body: Html;
}

// Built outside the template: a formatter must not add a byte inside <style>, or its hash breaks.
const STYLE_ELEMENT = new Html(`<style>${PAGE_CSS}</style>`);

export function renderPage(frame: PageFrame): string {
  return `<!doctype html>\n${
    html`<html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>${frame.title} – sis-sync</title>
        ${STYLE_ELEMENT}
      </head>
      <body>
        <a class="skip" href="#main">Skip to the content</a>
        <header class="top">
          <div class="wrap">
            <span class="brand">sis-sync</span>${frame.district ? html`<span class="district">${frame.district}</span>` : ''}
          </div>
        </header>
        <main id="main" class="wrap">${frame.body}</main>
        <footer class="wrap">
          <p>This page comes from the sis-sync service of your district. It shows one held run and nothing else.</p>
        </footer>
      </body>
    </html>`.text
  }\n`;
}
