import type { ReactNode } from 'react';

type PanelProps = { title: string; aside?: ReactNode; children: ReactNode; className?: string; testId?: string };

/** A titled section of a screen. */
export function Panel({ title, aside, children, className, testId }: PanelProps) {
  const id = `panel-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section className={`panel ${className ?? ''}`} aria-labelledby={id} data-testid={testId}>
      <header className="panel-head">
        <h2 id={id}>{title}</h2>
        {aside ? <div className="panel-aside">{aside}</div> : null}
      </header>
      <div className="panel-body">{children}</div>
    </section>
  );
}
