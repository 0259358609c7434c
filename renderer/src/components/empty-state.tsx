import type { ReactNode } from 'react';

type EmptyStateProps = { title: string; issue: string; children: ReactNode; items: string[] };

/** An honest placeholder for a screen that is not built yet: what it will do and which issue brings it. */
export function EmptyState({ title, issue, children, items }: EmptyStateProps) {
  return (
    <div className="screen">
      <header className="screen-head">
        <h1>{title}</h1>
      </header>
      <div className="empty-state" data-testid="empty-state">
        <p className="empty-badge">Arrives with {issue}</p>
        <p className="empty-lead">{children}</p>
        <ul className="empty-list">
          {items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}
