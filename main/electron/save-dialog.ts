/**
 * Where an export goes in the desktop app (export:decisions, cost:export): the native save dialog,
 * attached to the focused window, starting in the user's Documents folder with the suggested name.
 * The renderer never names a path; cancelling returns null (nothing is written).
 */
import { join } from 'node:path';
import type { FileFilter, SaveDialogOptions } from 'electron';
import { app, BrowserWindow, dialog } from 'electron';
import type { ExportTargetChooser } from '../services/export/service';

const FILTERS: Record<'xlsx' | 'csv', FileFilter> = {
  xlsx: { name: 'Excel workbook', extensions: ['xlsx'] },
  csv: { name: 'CSV (comma-separated)', extensions: ['csv'] },
};

export const chooseExportTarget: ExportTargetChooser = async (suggestedName, format) => {
  const win = BrowserWindow.getFocusedWindow();
  const options: SaveDialogOptions = {
    title: 'Save export',
    defaultPath: join(app.getPath('documents'), suggestedName),
    filters: [FILTERS[format]],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  if (result.canceled || !result.filePath) return null;
  // some desktops return the name without the filter's extension
  return result.filePath.toLowerCase().endsWith(`.${format}`) ? result.filePath : `${result.filePath}.${format}`;
};
