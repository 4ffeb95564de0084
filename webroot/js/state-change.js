// A screen's state kept from a snapshot and the changes that follow it (the
// server's StateChange): a key present in a change carries its new value,
// except a list of items, which carries {upsert, remove, order}.

/**
 * Applies a change to state (in place) and answers true, or answers false when
 * the change does not follow the state's number (a message was missed, or none
 * applies yet): the caller then needs a fresh snapshot.
 */
export function applyChange(state, msg) {
  if (typeof state.version !== 'number' || msg.base !== state.version) return false;
  for (const [key, value] of Object.entries(msg)) {
    if (key === 'type' || key === 'base' || key === 'version') continue;
    if (Array.isArray(state[key]) && value && typeof value === 'object' && !Array.isArray(value)) {
      state[key] = applyListChange(state[key], value);
    } else {
      state[key] = value;
    }
  }
  state.version = msg.version;
  return true;
}

function applyListChange(list, { upsert = [], remove = [], order = null }) {
  const byId = new Map(list.map((item) => [item.id, item]));
  for (const id of remove) byId.delete(id);
  for (const item of upsert) byId.set(item.id, item);
  if (!order) return [...byId.values()];
  return order.map((id) => byId.get(id)).filter(Boolean);
}
