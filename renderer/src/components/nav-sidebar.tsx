import { hrefOf, SCREENS } from '../navigation/screens';
import { useNavigation } from '../navigation/store';
import { NavIcon } from './nav-icons';

export function NavSidebar({ version }: { version: string | null }) {
  const current = useNavigation((s) => s.screen);
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          RW
        </span>
        <span className="brand-text">
          <span className="brand-name">RevOps Workbench</span>
          <span className="brand-version">{version ? `v${version}` : '\u00a0'}</span>
        </span>
      </div>
      <ul className="nav-list">
        {SCREENS.map((s) => (
          <li key={s.id}>
            <a className="nav-item" href={hrefOf(s.id)} aria-current={current === s.id ? 'page' : undefined}>
              <NavIcon id={s.id} />
              <span>{s.label}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
