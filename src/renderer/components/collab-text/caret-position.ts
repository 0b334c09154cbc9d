/**
 * Where a character index of a text area (or input) is drawn, relative to
 * the field's padding box: a hidden copy of the field with the same font,
 * width, padding and wrapping holds the text up to the index and a marker
 * after it, and the marker's offset is the answer. Text areas expose no
 * such measurement themselves; this is how other peers' carets are drawn
 * over the field.
 */
const COPIED = [
  'boxSizing',
  'width',
  'paddingTop',
  'paddingRight',
  'paddingBottom',
  'paddingLeft',
  'borderTopWidth',
  'borderRightWidth',
  'borderBottomWidth',
  'borderLeftWidth',
  'borderStyle',
  'fontFamily',
  'fontSize',
  'fontWeight',
  'fontStyle',
  'letterSpacing',
  'lineHeight',
  'tabSize',
  'textTransform',
  'textIndent',
  'wordSpacing',
  'direction',
] as const;

let mirror: HTMLDivElement | null = null;

export interface CaretBox {
  readonly top: number;
  readonly left: number;
  readonly height: number;
}

export function caretPosition(field: HTMLTextAreaElement | HTMLInputElement, index: number): CaretBox {
  if (!mirror) {
    mirror = document.createElement('div');
    mirror.setAttribute('aria-hidden', 'true');
    mirror.style.position = 'absolute';
    mirror.style.visibility = 'hidden';
    mirror.style.top = '0';
    mirror.style.left = '-9999px';
    mirror.style.overflow = 'hidden';
    document.body.appendChild(mirror);
  }
  const style = getComputedStyle(field);
  for (const property of COPIED) mirror.style[property] = style[property];
  const singleLine = field instanceof HTMLInputElement;
  mirror.style.whiteSpace = singleLine ? 'pre' : 'pre-wrap';
  mirror.style.overflowWrap = singleLine ? 'normal' : 'break-word';
  mirror.style.height = 'auto';
  const value = field.value;
  const at = Math.max(0, Math.min(index, value.length));
  mirror.textContent = value.slice(0, at);
  const marker = document.createElement('span');
  // Something after the index, so the marker sits where the next character would.
  marker.textContent = value.slice(at, at + 1) || '.';
  mirror.appendChild(marker);
  const lineHeight = Number.parseFloat(style.lineHeight) || Number.parseFloat(style.fontSize) * 1.3;
  const border = (name: 'borderTopWidth' | 'borderLeftWidth') => Number.parseFloat(style[name]) || 0;
  return {
    top: marker.offsetTop + border('borderTopWidth') - field.scrollTop,
    left: marker.offsetLeft + border('borderLeftWidth') - field.scrollLeft,
    height: lineHeight,
  };
}
