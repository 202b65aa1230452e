// Markdown and LaTeX of the slides to HTML, at build time (called by slides/build.py).
//
//   node render.mjs < slides.json > rendered.json
//
// stdin:  {"slides": ["markdown", ...], "notes": ["markdown", ...]}
// stdout: {"html": ["<p>...</p>", ...], "notes": ["<p>...</p>", ...], "katex": "0.x"}
//
// Math is cut out before Markdown sees it (so `_` and `*` inside formulas stay TeX), rendered by
// KaTeX to HTML + MathML, and put back. KaTeX errors stop the build: nothing renders LaTeX when
// the deck is viewed, so a formula that fails here would show as raw TeX in front of the room.
// Speaker notes are Markdown without math: the speaker view is a window of its own, without
// KaTeX's stylesheet, so a formula there would show twice (as HTML and as MathML). A `$` in a
// note stops the build.
import { readFileSync } from "node:fs";

import katex from "katex";
import { marked } from "marked";

const DISPLAY = /\$\$([\s\S]+?)\$\$/g;
const INLINE = /(?<![\\$])\$(?!\s)([^$\n]+?)(?<!\s)\$(?!\d)/g;

function renderSlide(markdown, index) {
  const formulas = [];
  const keep = (tex, displayMode) => {
    try {
      formulas.push(katex.renderToString(tex.trim(), { displayMode, throwOnError: true, output: "htmlAndMathml" }));
    } catch (error) {
      throw new Error(`slide ${index + 1}: cannot render $${tex}$: ${error.message}`);
    }
    return `KATEXMATH${formulas.length - 1}END`;
  };
  let text = markdown.replace(DISPLAY, (_, tex) => `\n\n${keep(tex, true)}\n\n`);
  text = text.replace(INLINE, (_, tex) => keep(tex, false));
  text = text.replaceAll("\\$", "&#36;");
  const html = marked.parse(text, { gfm: true, breaks: false });
  return html.replace(/KATEXMATH(\d+)END/g, (_, i) => formulas[Number(i)]);
}

function renderNotes(markdown, index) {
  if (markdown.includes("$")) {
    throw new Error(`slide ${index + 1}: the speaker notes hold a "$" (no math in notes): ${markdown.slice(0, 80)}`);
  }
  return marked.parse(markdown, { gfm: true, breaks: false });
}

const input = JSON.parse(readFileSync(0, "utf8"));
const html = input.slides.map(renderSlide);
const notes = (input.notes || []).map(renderNotes);
process.stdout.write(JSON.stringify({ html, notes, katex: katex.version }));
