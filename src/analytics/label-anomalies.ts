import type { ClassProbabilities } from './detectors/detector.js';
import type { Anomaly } from './segment-anomalies.js';

/**
 * Gives each event the class with the highest mean probability over its frames, and that mean as
 * its probability; on ties the class listed first wins. Events keep their frames and scores.
 */
export function labelAnomalies(anomalies: readonly Anomaly[], classes: ClassProbabilities): Anomaly[] {
  const k = classes.labels.length;
  if (k === 0) return [...anomalies];
  const mean = new Float64Array(k);
  return anomalies.map((event) => {
    mean.fill(0);
    for (let f = event.startFrame; f < event.endFrame; f++) for (let c = 0; c < k; c++) mean[c]! += classes.probabilities[f * k + c]!;
    let best = 0;
    for (let c = 1; c < k; c++) if (mean[c]! > mean[best]!) best = c;
    const frames = event.endFrame - event.startFrame;
    return { ...event, label: classes.labels[best]!, probability: frames > 0 ? mean[best]! / frames : 0 };
  });
}
