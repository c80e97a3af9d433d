/** The map as a PNG data URL for print (its canvas keeps its drawing buffer), or null without a map or a readable canvas. */
import { useMapInstance } from '../state/map-instance';

export function mapStill(): string | null {
  const canvas = useMapInstance.getState().map?.getCanvas();
  if (!canvas || canvas.width === 0 || canvas.height === 0) return null;
  try {
    return canvas.toDataURL('image/png');
  } catch {
    return null;
  }
}
