/** `Conv Inspector: Choose Preview Image...`: the image feature-map previews run on (per workspace). */
import * as vscode from 'vscode';
import { CommandId } from '../constants';
import type { FeatureMapService } from '../featureMaps/featureMapService';
import { fileArgumentOrPick } from './featureMapRun';

async function choosePreviewImage(service: FeatureMapService, imageUri?: unknown): Promise<string | undefined> {
  // null goes back to the bundled sample image.
  if (imageUri === null) {
    await service.setPreviewImage(undefined);
    return undefined;
  }
  const file = await fileArgumentOrPick(imageUri, {
    openLabel: vscode.l10n.t('Use for Previews'),
    filters: { [vscode.l10n.t('Images')]: ['png', 'jpg', 'jpeg'] },
  });
  if (!file) return undefined;
  await service.setPreviewImage(file);
  return file.toString();
}

/** `(image?)` skips the dialog (a uri, or null for the sample); returns the chosen image's uri. */
export function registerChoosePreviewImage(service: FeatureMapService): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.ChoosePreviewImage, (image?: unknown) => choosePreviewImage(service, image));
}
