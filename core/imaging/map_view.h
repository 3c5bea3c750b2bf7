#pragma once
// How a map is drawn over the image, with the one set of defaults the CLI, the window and vitlens --screenshot
// share (README, "Which map"), and the composition all three use: heat map over the model's crop, patch grid,
// attention-mass outline, query-patch outline.
#include <opencv2/core/mat.hpp>
#include <opencv2/core/types.hpp>

#include "imaging/heatmap.h"

namespace vitlens {

struct DrawStyle {
  Colormap colormap = Colormap::Inferno;
  double opacity = 0.6;        // heat map weight over the image
  double massThreshold = 0.0;  // 0: off; otherwise outline the fewest patches holding this share of the map
  bool grid = false;           // draw the patch grid
  bool showOverlay = true;     // false: the plain image (grid and outlines still drawn)
  bool colourBar = false;      // draw the colormap with the map's raw range in the corner (exports)
  bool hatchMissing = true;    // hatch NaN cells (dropped patches); the window's view draws them on screen instead
};

// rgb: CV_8UC3 at the image's own resolution; map: CV_32F grid; outlinedPatch >= 0 outlines that patch (the
// query). Returns the same size as rgb.
cv::Mat renderMapView(const cv::Mat& rgb, const cv::Rect2d& crop, const cv::Mat& map, const DrawStyle& style,
                      int outlinedPatch);

}  // namespace vitlens
