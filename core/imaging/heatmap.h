#pragma once
// Rendering patch-grid maps over the user's image: colormaps, smooth upsampling, blending, grid lines.
#include <opencv2/core/mat.hpp>
#include <opencv2/core/types.hpp>

#include <string>
#include <vector>

namespace vitlens {

enum class Colormap { Viridis, Inferno, Magma, Turbo, Jet, Gray };

Colormap parseColormap(const std::string& name);  // throws std::invalid_argument listing the valid names
std::string colormapName(Colormap colormap);
std::vector<std::string> colormapNames();

// Min-max normalises a CV_32F map to [0, 1] over its finite values (a constant map becomes all zeros; NaN cells,
// the dropped patches of an experiment, become 0).
cv::Mat normalizeMap(const cv::Mat& map);
// The smallest and largest finite value of a map; both 0 when it has none. False when it has none.
bool finiteRange(const cv::Mat& map, double* minimum, double* maximum);
// The NaN cells of a map, row-major: patches dropped from the pass the map came from.
std::vector<int> missingCells(const cv::Mat& map);

// CV_32F map in [0, 1] -> CV_8UC3 RGB colours.
cv::Mat applyColormap(const cv::Mat& unitMap, Colormap colormap);

struct OverlayStyle {
  Colormap colormap = Colormap::Viridis;
  double alpha = 0.6;  // weight of the heat map over the image, 0..1
  bool grid = false;   // draw the patch grid
};

// Draws `map` (CV_32F, grid rows x cols, raw values, min-max normalised here) over `rgb` (CV_8UC3) at the
// image's own resolution: the map is bicubically upsampled to `crop` (the region the model saw, in source
// pixels) and blended there; the part of the image outside `crop` is dimmed. Returns CV_8UC3 RGB.
cv::Mat renderOverlay(const cv::Mat& rgb, const cv::Mat& map, const cv::Rect2d& crop, const OverlayStyle& style);

// Thin lines on patch borders of a rows x cols grid laid over `crop`.
void drawPatchGrid(cv::Mat& rgb, int rows, int cols, const cv::Rect2d& crop);

// Outlines patch `index` (row-major) of a rows x cols grid laid over `crop`: a white box inside a black one, visible
// on any colour. Marks the query patch of a patch-to-patch attention map.
void drawPatchOutline(cv::Mat& rgb, int rows, int cols, const cv::Rect2d& crop, int index);

// Marks patches (row-major indices of a rows x cols grid laid over `crop`) as absent: darkened and hatched with
// diagonal lines, so a dropped patch never reads as a cold cell of the colormap.
void hatchPatches(cv::Mat& rgb, int rows, int cols, const cv::Rect2d& crop, const std::vector<int>& patches);

// Tiles (all CV_8UC3 of one size) in a grid with `gap` pixels of `background` between them.
cv::Mat makeMontage(const std::vector<cv::Mat>& tiles, int columns, int gap = 2,
                    const cv::Scalar& background = cv::Scalar(255, 255, 255));

}  // namespace vitlens
