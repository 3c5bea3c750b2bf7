#include "imaging/map_view.h"

#include <opencv2/core.hpp>

#include "imaging/attention_mass.h"
#include "imaging/colour_bar.h"

namespace vitlens {

cv::Mat renderMapView(const cv::Mat& rgb, const cv::Rect2d& crop, const cv::Mat& map, const DrawStyle& style,
                      int outlinedPatch) {
  OverlayStyle overlay;
  overlay.colormap = style.colormap;
  overlay.alpha = style.showOverlay ? style.opacity : 0.0;
  overlay.grid = style.grid;
  cv::Mat out = renderOverlay(rgb, map, crop, overlay);
  // Dropped patches (NaN) are absent: hatched, and they hold no attention mass.
  const std::vector<int> missing = missingCells(map);
  if (!missing.empty() && style.hatchMissing) hatchPatches(out, map.rows, map.cols, crop, missing);
  if (style.massThreshold > 0.0) {
    cv::Mat weights = map.clone();
    cv::patchNaNs(weights, 0.0);
    drawMaskOutline(out, attentionMassMask(weights, style.massThreshold), crop);
  }
  if (outlinedPatch >= 0 && outlinedPatch < map.rows * map.cols) {
    drawPatchOutline(out, map.rows, map.cols, crop, outlinedPatch);
  }
  if (style.colourBar && style.showOverlay) {
    double minimum = 0.0, maximum = 0.0;
    finiteRange(map, &minimum, &maximum);
    drawColourBar(out, style.colormap, minimum, maximum);
  }
  return out;
}

}  // namespace vitlens
