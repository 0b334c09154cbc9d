/** A cue's text with its [blanks] marked, so the IC sees at a glance what to fill in. */
export function Blanks({ text }: { text: string }) {
  const parts = text.split(/(\[[^\][]+\])/g);
  return (
    <>
      {parts.map((part, i) =>
        /^\[[^\][]+\]$/.test(part) ? (
          <mark key={i} className="cue-blank">
            {part}
          </mark>
        ) : (
          part
        ),
      )}
    </>
  );
}
