import type { ContractError } from '../../../app/contract';

/** One error, the way every screen shows it: the line, what to try, and the code for support. */
export function ErrorNote({ error }: { error: ContractError }) {
  return (
    <div className="error-note" role="alert">
      <p className="error-message">{error.message}</p>
      {error.hint ? <p className="error-hint">{error.hint}</p> : null}
      <p className="error-code">{error.code}</p>
    </div>
  );
}
