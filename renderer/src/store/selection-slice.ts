import type { SelectionSlice, SliceCreator } from './types';

export const INITIAL_FILTERS: SelectionSlice['filters'] = {
  client: 'all',
  server: 'all',
  status: 'all',
  text: '',
};

export const createSelectionSlice: SliceCreator<SelectionSlice> = (set, get) => ({
  selected: {},
  filters: INITIAL_FILTERS,
  sort: { key: 'status', dir: 'desc' },
  toggleSelected(id) {
    const next = { ...get().selected };
    if (next[id]) delete next[id];
    else next[id] = true;
    set({ selected: next });
  },
  setSelected(ids, selected) {
    const next = { ...get().selected };
    for (const id of ids) {
      if (selected) next[id] = true;
      else delete next[id];
    }
    set({ selected: next });
  },
  clearSelection() {
    set({ selected: {} });
  },
  setFilter(key, value) {
    set({ filters: { ...get().filters, [key]: value } });
  },
  setSort(key) {
    const { sort } = get();
    // Clicking the current column flips it; a new column starts with the natural order for it.
    if (sort.key === key) set({ sort: { key, dir: sort.dir === 'asc' ? 'desc' : 'asc' } });
    else set({ sort: { key, dir: key === 'status' || key === 'updated' ? 'desc' : 'asc' } });
  },
});
