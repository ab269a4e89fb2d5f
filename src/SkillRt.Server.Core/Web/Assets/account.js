// The account pages' one enhancement: a Copy button for a new key's secret. Without JavaScript the
// button stays hidden and the secret is selected by hand from its read-only field.
(() => {
  for (const button of document.querySelectorAll('button[data-copy]')) {
    const field = document.getElementById(button.dataset.copy);
    const status = document.querySelector('[data-copy-status]');
    if (!field || !navigator.clipboard) {
      continue;
    }

    button.hidden = false;
    button.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(field.value);
        if (status) status.textContent = 'Copied to the clipboard.';
      } catch {
        field.select();
        if (status) status.textContent = 'Copying was refused: the secret is selected, copy it with the keyboard.';
      }
    });
  }
})();
