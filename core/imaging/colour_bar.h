#pragma once
// A colour bar drawn into an exported overlay: the colormap from low to high with the map's raw minimum and
// maximum, in the image's bottom-left corner, sized to the image (the window draws its own at screen resolution).
#include <opencv2/core/mat.hpp>

#include "imaging/heatmap.h"

namespace vitlens {

// rgb: CV_8UC3, changed in place. Images under 96 pixels on either side are left as they are: no bar would be
// legible there.
void drawColourBar(cv::Mat& rgb, Colormap colormap, double minimum, double maximum);

}  // namespace vitlens
