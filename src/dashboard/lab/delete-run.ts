import { h } from '../dom';

/**
 * Asks in a modal dialog whether to delete the run named `what`; resolves true for Delete, false
 * for Cancel or Escape. The dialog is removed once answered.
 */
export function confirmDelete(what: string): Promise<boolean> {
  return new Promise((resolve) => {
    const yes = h('button', { type: 'button', class: 'danger', value: 'delete' }, 'Delete');
    const no = h('button', { type: 'button', value: 'cancel' }, 'Cancel');
    const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': 'confirm-title' }, h('h2', { id: 'confirm-title' }, `Delete ${what}?`), h('p', {}, 'Its leaderboard and scores are removed from the database; this cannot be undone.'), h('div', { class: 'nav-row' }, yes, no));
    const answer = (value: boolean) => {
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    yes.addEventListener('click', () => answer(true));
    no.addEventListener('click', () => answer(false));
    dialog.addEventListener('cancel', (e) => {
      e.preventDefault();
      answer(false);
    });
    document.body.append(dialog);
    dialog.showModal();
    no.focus();
  });
}
