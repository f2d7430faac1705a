// The content security policy (server/app.ts) allows styles and scripts from our own files only: a style=""
// attribute, an inline <style> or <script>, or an onclick="" handler in a view is refused by the browser, and
// the page silently loses its layout or its behaviour. This test reads every view and names the offenders.
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { viewsDir } from '../../server/paths.js';

function viewFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return viewFiles(full);
    return entry.name.endsWith('.hbs') ? [full] : [];
  });
}

interface Offence {
  file: string;
  line: number;
  text: string;
}

function inlineOffences(source: string, file = 'view.hbs'): Offence[] {
  const rules = [
    /\sstyle\s*=/i, // style="…" attribute
    /<style[\s>]/i, // inline stylesheet
    /<script(?![^>]*\ssrc\s*=)[^>]*>/i, // a script without src is inline
    /\son[a-z]+\s*=\s*["']/i, // onclick="…" and the like
    /(href|src)\s*=\s*["']\s*javascript:/i,
  ];
  return source.split('\n').flatMap((text, i) => (rules.some((rule) => rule.test(text)) ? [{ file, line: i + 1, text: text.trim() }] : []));
}

describe('views under the content security policy', () => {
  it('when the checker reads inline styles and scripts, then it flags each kind', () => {
    expect(inlineOffences('<p style="color: red">')).to.have.length(1);
    expect(inlineOffences('<style>p { color: red }</style>')).to.have.length(1);
    expect(inlineOffences('<script>alert(1)</script>')).to.have.length(1);
    expect(inlineOffences('<button onclick="go()">')).to.have.length(1);
    expect(inlineOffences('<a href="javascript:void(0)">')).to.have.length(1);
    expect(inlineOffences('<script src="/assets/app.js" defer></script>')).to.have.length(0);
    expect(inlineOffences('<p class="mw-48rem" data-style="x">')).to.have.length(0);
  });

  it('when every view is read, then none has a style attribute, an inline style or script, or an inline handler', () => {
    const files = viewFiles(viewsDir);
    expect(files.length).to.be.greaterThan(50);
    const offences = files.flatMap((file) => inlineOffences(readFileSync(file, 'utf8'), path.relative(viewsDir, file)));
    expect(offences.map((o) => `${o.file}:${o.line} ${o.text}`)).to.deep.equal([]);
  });

  it('when a view uses one of the width classes that replaced inline styles, then the stylesheet defines it', () => {
    const css = readFileSync(path.join(viewsDir, 'assets', 'app.css'), 'utf8');
    const used = new Set(viewFiles(viewsDir).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\b(mw|minw)-\d+rem\b/g)].map((m) => m[0])));
    expect(used.size).to.be.greaterThan(3);
    for (const name of used) expect(css, name).to.include(`.${name} {`);
  });
});
