import { expect, fixture, html } from '@open-wc/testing';
import type { ShareBarElement } from '../src/index.js';
import { languages as registered } from '../src/locales.js';
import { accessibleName, buttons, shownCount } from './helpers.js';

/** A bar inside an element with `lang` (and `dir`), as a localised page has it. */
async function inLang(lang: string, attrs = '', dir = ''): Promise<ShareBarElement> {
  const wrapper = await fixture(html`<div lang=${lang} dir=${dir || 'auto'}></div>`);
  wrapper.innerHTML = `<section><share-bar ${attrs}></share-bar></section>`;
  const el = wrapper.querySelector('share-bar')!;
  await el.updateComplete;
  return el;
}

const heading = (el: ShareBarElement) => el.shadowRoot!.querySelector('[part~=heading]')!.textContent;

describe('locales', () => {
  it('has built-in strings for the 21 languages of the spec', () => {
    expect(registered().sort()).to.deep.equal(
      [
        'ar',
        'cs',
        'da',
        'de',
        'en',
        'es',
        'fi',
        'fr',
        'he',
        'it',
        'ja',
        'ko',
        'nb',
        'nl',
        'pl',
        'pt',
        'ru',
        'sv',
        'tr',
        'uk',
        'zh',
      ].sort(),
    );
  });

  it('shows a German bar on a German page', async () => {
    const el = await inLang('de-DE', `networks="facebook copy email" counts='{"facebook":1234,"copy":1}'`);
    expect(heading(el)).to.equal('Je mehr wir teilen, desto mehr haben wir...');
    const b = buttons(el);
    expect(accessibleName(b.facebook!)).to.equal('Auf Facebook teilen, 1.234-mal geteilt');
    expect(shownCount(b.facebook!)).to.equal('1234');
    expect(accessibleName(b.copy!)).to.equal('Link kopieren, 1-mal geteilt');
    expect(accessibleName(b.email!)).to.equal('E-Mail');
  });

  it('shows a Japanese bar on a Japanese page', async () => {
    const el = await inLang('ja', `networks="x line" counts='{"line":12000}'`);
    expect(heading(el)).to.equal('シェアすればするほど、豊かになる...');
    expect(accessibleName(buttons(el).x!)).to.equal('Xでシェア');
    expect(accessibleName(buttons(el).line!)).to.equal(
      `LINEでシェア, ${new Intl.NumberFormat('ja').format(12000)}件のシェア`,
    );
    expect(shownCount(buttons(el).line!)).to.equal(new Intl.NumberFormat('ja', { notation: 'compact' }).format(12000));
  });

  it('shows an Arabic bar right to left, in mirrored order, with Arabic plurals', async () => {
    const el = await inLang('ar', `networks="x facebook linkedin" counts='{"facebook":3,"x":11}'`);
    expect(heading(el)).to.equal('كلما شاركنا أكثر، امتلكنا أكثر...');
    const base = el.shadowRoot!.querySelector('[part~=base]')!;
    expect(base.getAttribute('dir')).to.equal('rtl');
    const [x, facebook, linkedin] = ['x', 'facebook', 'linkedin'].map((id) => buttons(el)[id]!.getBoundingClientRect());
    // first network at the right, keyboard order still x → facebook → linkedin (DOM order)
    expect(x!.left).to.be.greaterThan(facebook!.left);
    expect(facebook!.left).to.be.greaterThan(linkedin!.left);
    const f = new Intl.NumberFormat('ar');
    expect(accessibleName(buttons(el).facebook!)).to.equal(`المشاركة على Facebook, ${f.format(3)} مشاركات`);
    expect(accessibleName(buttons(el).x!)).to.equal(`المشاركة على X, ${f.format(11)} مشاركة`);
  });

  it('renders Hebrew right to left', async () => {
    const el = await inLang('he', 'networks="x facebook"');
    expect(el.shadowRoot!.querySelector('[part~=base]')!.getAttribute('dir')).to.equal('rtl');
    const [x, facebook] = ['x', 'facebook'].map((id) => buttons(el)[id]!.getBoundingClientRect());
    expect(x!.left).to.be.greaterThan(facebook!.left);
  });

  it('takes the language of the page across the shadow roots of components around the bar', async () => {
    const host = await fixture(html`<div lang="de"><article-card></article-card></div>`);
    const root = host.querySelector('article-card')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<share-bar networks="facebook"></share-bar>';
    const el = root.querySelector('share-bar')!;
    await el.updateComplete;
    expect(heading(el)).to.equal('Je mehr wir teilen, desto mehr haben wir...');
  });

  it('gives action buttons their localised label with short labels', async () => {
    const el = await inLang('de', 'networks="facebook copy" labels="short"');
    expect(Object.values(buttons(el)).map(accessibleName)).to.deep.equal(['Facebook', 'Link kopieren']);
  });

  it('uses the plural rules of the language', async () => {
    const el = await inLang('ru', `networks="x facebook linkedin" counts='{"x":1,"facebook":3,"linkedin":5}'`);
    expect(Object.values(buttons(el)).map(accessibleName)).to.deep.equal([
      'Поделиться в X, 1 репост',
      'Поделиться в Facebook, 3 репоста',
      'Поделиться в LinkedIn, 5 репостов',
    ]);
    const pl = await inLang('pl', `networks="x facebook linkedin" counts='{"x":1,"facebook":2,"linkedin":12}'`);
    expect(Object.values(buttons(pl)).map(accessibleName)).to.deep.equal([
      'Udostępnij: X, 1 udostępnienie',
      'Udostępnij: Facebook, 2 udostępnienia',
      'Udostępnij: LinkedIn, 12 udostępnień',
    ]);
  });

  it('takes the language of the nearest ancestor and falls back to English for unknown ones', async () => {
    const wrapper = await fixture(
      html`<div lang="fr">
        <div lang="xx-unknown"><share-bar></share-bar></div>
        <share-bar></share-bar>
      </div>`,
    );
    const [unknown, french] = [...wrapper.querySelectorAll('share-bar')];
    await Promise.all([unknown!.updateComplete, french!.updateComplete]);
    expect(heading(unknown!)).to.equal('The more we share, the more we have...');
    expect(heading(french!)).to.equal('Plus nous partageons, plus nous avons...');
    expect(accessibleName(buttons(french!).facebook!)).to.equal('Partager sur Facebook');
  });

  it('has every string for every language, with the placeholders its strings need', async () => {
    for (const lang of registered()) {
      const el = await inLang(lang, `networks="x copy" counts='{"x":5}'`);
      const name = accessibleName(buttons(el).x!);
      expect(name, lang).to.include('X');
      expect(name, lang).to.include(new Intl.NumberFormat(lang).format(5));
      expect(heading(el), lang).to.match(/\.\.\.$/);
      expect(accessibleName(buttons(el).copy!), lang).not.to.include('undefined');
    }
  });
});

// Last in this file: it registers a language of its own, which the tests above would count.
describe('lang changed after the first render', () => {
  const label = (el: ShareBarElement, id: string) => buttons(el)[id]!.querySelector('[part~=label]')?.textContent ?? '';
  // A change on the page is seen by a mutation observer, one microtask later.
  const rendered = async (el: ShareBarElement) => {
    await Promise.resolve();
    await el.updateComplete;
  };

  it('renders again in the language set on the bar', async () => {
    const el = await inLang('en', `networks="facebook copy" counts='{"facebook":3}' labels="full"`);
    expect(heading(el)).to.equal('The more we share, the more we have...');
    el.setAttribute('lang', 'de');
    await el.updateComplete;
    expect(heading(el)).to.equal('Je mehr wir teilen, desto mehr haben wir...');
    expect(label(el, 'facebook')).to.equal('Auf Facebook teilen');
    expect(accessibleName(buttons(el).facebook!)).to.equal('Auf Facebook teilen, 3-mal geteilt');
    el.removeAttribute('lang');
    await el.updateComplete;
    expect(heading(el)).to.equal('The more we share, the more we have...');
  });

  it('renders again in the language set on an ancestor or on <html>', async () => {
    const el = await inLang('en', 'networks="facebook" labels="full"');
    el.closest('[lang]')!.setAttribute('lang', 'fr');
    await rendered(el);
    expect(label(el, 'facebook')).to.equal('Partager sur Facebook');
    el.closest('[lang]')!.removeAttribute('lang');
    const root = document.documentElement;
    const before = root.getAttribute('lang');
    try {
      root.setAttribute('lang', 'es');
      await rendered(el);
      expect(label(el, 'facebook')).to.equal('Compartir en Facebook');
      expect(el.shadowRoot!.querySelector('[part~=base]')!.getAttribute('dir')).to.equal(null);
      root.setAttribute('lang', 'he');
      await rendered(el);
      expect(el.shadowRoot!.querySelector('[part~=base]')!.getAttribute('dir')).to.equal('rtl');
    } finally {
      if (before == null) root.removeAttribute('lang');
      else root.setAttribute('lang', before);
    }
  });

  it('renders again when the module of its language is loaded after it', async () => {
    const el = await inLang('eo', 'networks="facebook" labels="full"');
    expect(label(el, 'facebook')).to.equal('Share on Facebook');
    const { registerLanguage } = await import('../src/locales.js');
    registerLanguage(
      'eo',
      'Ju pli ni dividas...|Dividi|Dividi en {name}|other={n} dividoj|Kopiita|Kopii ligilon|Retpoŝto',
    );
    await rendered(el);
    expect(heading(el)).to.equal('Ju pli ni dividas...');
    expect(label(el, 'facebook')).to.equal('Dividi en Facebook');
  });
});
