import type { ReactNode } from 'react';
import type { Resource } from '../state/resource';
import { ErrorNote } from './error-note';

type ResourceViewProps<T> = { resource: Resource<T>; what: string; children: (data: T) => ReactNode };

/** Loading, error and ready states of a Resource, the same everywhere. A stale value stays visible under an error. */
export function ResourceView<T>({ resource, what, children }: ResourceViewProps<T>) {
  if (resource.state === 'error' && resource.error) {
    return (
      <>
        <ErrorNote error={resource.error} />
        {resource.data !== null ? <div className="stale">{children(resource.data)}</div> : null}
      </>
    );
  }
  if (resource.data === null) {
    return (
      <p className="loading" aria-busy="true">
        Loading {what}…
      </p>
    );
  }
  return <>{children(resource.data)}</>;
}
