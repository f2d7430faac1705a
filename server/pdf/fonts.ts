// DejaVu Sans, read from the npm package in place: it covers Vietnamese and, unlike Noto Sans, its text comes
// back out of a PDF exactly as it went in (STACK.md, "Fonts").
import path from 'node:path';
import { projectRoot } from '../paths.js';

export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';

const dir = path.join(projectRoot, 'node_modules', 'dejavu-fonts-ttf', 'ttf');

export const FONT_FILES: Record<FontStyle, string> = {
  regular: path.join(dir, 'DejaVuSans.ttf'),
  bold: path.join(dir, 'DejaVuSans-Bold.ttf'),
  italic: path.join(dir, 'DejaVuSans-Oblique.ttf'),
  boldItalic: path.join(dir, 'DejaVuSans-BoldOblique.ttf'),
};

/** Monospaced bold, for codes a person types back (activation codes): 0 and O, 1 and l stay apart. */
export const MONO_BOLD_FONT_FILE = path.join(dir, 'DejaVuSansMono-Bold.ttf');
