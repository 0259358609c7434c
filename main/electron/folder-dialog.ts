/** settings:pick-folder in the desktop app: the native folder dialog, attached to the focused window. */
import { BrowserWindow, dialog } from 'electron';

export async function pickFolder(title: string): Promise<string | null> {
  const win = BrowserWindow.getFocusedWindow();
  const options = { title, properties: ['openDirectory' as const, 'dontAddToRecent' as const] };
  const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
