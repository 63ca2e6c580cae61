import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store';
import type { ViewName } from '../store/types';

const ITEMS: { view: ViewName; label: string }[] = [
  { view: 'overview', label: 'Overview' },
  { view: 'credentials', label: 'Credentials' },
  { view: 'doctor', label: 'Doctor' },
  { view: 'backups', label: 'Backups' },
  { view: 'system', label: 'This computer' },
  { view: 'report', label: 'Report' },
];

export function Nav() {
  const { view, setView } = useAppStore(useShallow((s) => ({ view: s.view, setView: s.setView })));
  // The finding detail belongs to the overview in the navigation.
  const current = view === 'finding' ? 'overview' : view;
  return (
    <nav className="nav" aria-label="Sections">
      <ul>
        {ITEMS.map((item) => (
          <li key={item.view}>
            <button
              type="button"
              className="nav-item"
              aria-current={current === item.view ? 'page' : undefined}
              onClick={() => setView(item.view)}
            >
              {item.label}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
