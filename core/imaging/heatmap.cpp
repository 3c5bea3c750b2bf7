// Colour maps over images: OpenCV's colormaps (converted to RGB), bicubic upsampling of patch-grid maps to
// the region the model saw, alpha blending, dimming of what the model did not see, patch grid, montage.
#include "imaging/heatmap.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <stdexcept>

namespace vitlens {
namespace {

struct ColormapEntry {
  Colormap colormap;
  const char* name;
  int opencv;  // cv::ColormapTypes, or -1 for gray
};

constexpr ColormapEntry kColormaps[] = {
    {Colormap::Viridis, "viridis", cv::COLORMAP_VIRIDIS},
    {Colormap::Inferno, "inferno", cv::COLORMAP_INFERNO},
    {Colormap::Magma, "magma", cv::COLORMAP_MAGMA},
    {Colormap::Turbo, "turbo", cv::COLORMAP_TURBO},
    {Colormap::Jet, "jet", cv::COLORMAP_JET},
    {Colormap::Gray, "gray", -1},
};

constexpr double kOutsideDim = 0.5;  // brightness kept outside the crop

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

void requireRgb(const cv::Mat& rgb, const char* function) {
  if (rgb.empty() || rgb.type() != CV_8UC3)
    throw std::invalid_argument(std::string(function) + ": image must be CV_8UC3");
}

void requireMap(const cv::Mat& map, const char* function) {
  if (map.empty() || map.channels() != 1) {
    throw std::invalid_argument(std::string(function) + ": map must be a non-empty single-channel matrix");
  }
}

// Integer pixel bounds of a crop rectangle: rounded, not clipped.
cv::Rect roundedRect(const cv::Rect2d& crop) {
  const int x0 = static_cast<int>(std::lround(crop.x));
  const int y0 = static_cast<int>(std::lround(crop.y));
  const int x1 = static_cast<int>(std::lround(crop.x + crop.width));
  const int y1 = static_cast<int>(std::lround(crop.y + crop.height));
  return cv::Rect(x0, y0, std::max(0, x1 - x0), std::max(0, y1 - y0));
}

// Pushes a pixel towards white on dark colours and towards black on light ones, so a line shows on both.
void contrastPixel(uint8_t* p) {
  const int luma = (299 * p[0] + 587 * p[1] + 114 * p[2]) / 1000;
  const int target = luma < 128 ? 255 : 0;
  for (int c = 0; c < 3; ++c) p[c] = static_cast<uint8_t>((p[c] * 35 + target * 65 + 50) / 100);
}

// Start positions of lines of `thickness` at fractional positions origin + i * step, i = 0..count, kept in
// [lo, hi - thickness] so that the outer borders lie inside the crop.
std::vector<int> linePositions(double origin, double length, int count, int lo, int hi, int thickness) {
  std::vector<int> positions;
  if (hi - lo < thickness) return positions;
  for (int i = 0; i <= count; ++i) {
    const int centre = static_cast<int>(std::lround(origin + i * length / count));
    positions.push_back(std::clamp(centre - thickness / 2, lo, hi - thickness));
  }
  return positions;
}

}  // namespace

Colormap parseColormap(const std::string& name) {
  const std::string key = lower(name);
  for (const ColormapEntry& entry : kColormaps) {
    if (key == entry.name) return entry.colormap;
  }
  if (key == "grey") return Colormap::Gray;
  std::string valid;
  for (const std::string& n : colormapNames()) valid += (valid.empty() ? "" : ", ") + n;
  throw std::invalid_argument("unknown colormap '" + name + "' (valid: " + valid + ")");
}

std::string colormapName(Colormap colormap) {
  for (const ColormapEntry& entry : kColormaps) {
    if (entry.colormap == colormap) return entry.name;
  }
  return "viridis";
}

std::vector<std::string> colormapNames() {
  std::vector<std::string> names;
  for (const ColormapEntry& entry : kColormaps) names.emplace_back(entry.name);
  return names;
}

namespace {

// CV_8U: 255 where the map's value is finite.
cv::Mat finiteMask(const cv::Mat& values) {
  cv::Mat mask(values.size(), CV_8U);
  for (int y = 0; y < values.rows; ++y) {
    const float* row = values.ptr<float>(y);
    uint8_t* out = mask.ptr<uint8_t>(y);
    for (int x = 0; x < values.cols; ++x) out[x] = std::isfinite(row[x]) ? 255 : 0;
  }
  return mask;
}

}  // namespace

bool finiteRange(const cv::Mat& map, double* minimum, double* maximum) {
  requireMap(map, "finiteRange");
  cv::Mat values;
  map.convertTo(values, CV_32F);
  const cv::Mat mask = finiteMask(values);
  *minimum = *maximum = 0.0;
  if (cv::countNonZero(mask) == 0) return false;
  cv::minMaxLoc(values, minimum, maximum, nullptr, nullptr, mask);
  return true;
}

std::vector<int> missingCells(const cv::Mat& map) {
  std::vector<int> cells;
  if (map.empty() || map.type() != CV_32F) return cells;
  for (int y = 0; y < map.rows; ++y) {
    const float* row = map.ptr<float>(y);
    for (int x = 0; x < map.cols; ++x) {
      if (std::isnan(row[x])) cells.push_back(y * map.cols + x);
    }
  }
  return cells;
}

cv::Mat normalizeMap(const cv::Mat& map) {
  requireMap(map, "normalizeMap");
  cv::Mat values;
  map.convertTo(values, CV_32F);
  double lo = 0.0, hi = 0.0;
  finiteRange(values, &lo, &hi);
  cv::patchNaNs(values, lo);
  if (!(hi > lo) || !std::isfinite(hi - lo)) return cv::Mat::zeros(map.size(), CV_32F);
  cv::Mat unit;
  values.convertTo(unit, CV_32F, 1.0 / (hi - lo), -lo / (hi - lo));
  return cv::max(cv::min(unit, 1.0), 0.0);  // infinities, where any, saturate
}

cv::Mat applyColormap(const cv::Mat& unitMap, Colormap colormap) {
  requireMap(unitMap, "applyColormap");
  cv::Mat values;
  unitMap.convertTo(values, CV_32F);
  cv::patchNaNs(values, 0.0);
  cv::Mat bytes;
  values.convertTo(bytes, CV_8U, 255.0);  // saturating: clamps to [0, 1] first
  cv::Mat rgb;
  const auto* entry = std::find_if(std::begin(kColormaps), std::end(kColormaps),
                                   [&](const ColormapEntry& e) { return e.colormap == colormap; });
  if (entry == std::end(kColormaps) || entry->opencv < 0) {
    cv::cvtColor(bytes, rgb, cv::COLOR_GRAY2RGB);
    return rgb;
  }
  cv::Mat bgr;
  cv::applyColorMap(bytes, bgr, entry->opencv);
  cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);  // applyColorMap writes BGR
  return rgb;
}

cv::Mat renderOverlay(const cv::Mat& rgb, const cv::Mat& map, const cv::Rect2d& crop, const OverlayStyle& style) {
  requireRgb(rgb, "renderOverlay");
  requireMap(map, "renderOverlay");
  const double alpha = std::clamp(std::isfinite(style.alpha) ? style.alpha : 0.0, 0.0, 1.0);
  // The GUI calls this on every slider move, on images of several megapixels: one pass per output pixel, all in
  // 8 bits, is what keeps a re-render well under a frame.
  cv::Mat out(rgb.size(), CV_8UC3);
  const cv::Rect region = roundedRect(crop);
  const cv::Rect visible = region & cv::Rect(0, 0, rgb.cols, rgb.rows);

  // Outside the crop: dimmed (four strips around the visible part of the crop).
  auto dim = [&](const cv::Rect& strip) {
    if (strip.area() > 0) rgb(strip).convertTo(out(strip), CV_8U, kOutsideDim);
  };
  if (visible.area() == 0) {
    dim(cv::Rect(0, 0, rgb.cols, rgb.rows));
  } else {
    dim(cv::Rect(0, 0, rgb.cols, visible.y));
    dim(cv::Rect(0, visible.y + visible.height, rgb.cols, rgb.rows - visible.y - visible.height));
    dim(cv::Rect(0, visible.y, visible.x, visible.height));
    dim(cv::Rect(visible.x + visible.width, visible.y, rgb.cols - visible.x - visible.width, visible.height));

    // Upsample over the whole (rounded) crop, then keep the part inside the image. Resizing the 8-bit map
    // saturates bicubic overshoot for free.
    cv::Mat small;
    normalizeMap(map).convertTo(small, CV_8U, 255.0);
    cv::Mat upsampled;
    cv::resize(small, upsampled, region.size(), 0.0, 0.0, cv::INTER_CUBIC);
    const cv::Mat levels = upsampled(visible - region.tl());

    cv::Mat ramp(1, 256, CV_32F);
    for (int i = 0; i < 256; ++i) ramp.at<float>(0, i) = static_cast<float>(i / 255.0);
    const cv::Mat table = applyColormap(ramp, style.colormap);  // 1 x 256 RGB
    const int weight = static_cast<int>(std::lround(alpha * 256.0));
    for (int y = 0; y < visible.height; ++y) {
      const uint8_t* level = levels.ptr<uint8_t>(y);
      const uint8_t* src = rgb.ptr<uint8_t>(visible.y + y) + 3 * visible.x;
      uint8_t* dst = out.ptr<uint8_t>(visible.y + y) + 3 * visible.x;
      for (int x = 0; x < visible.width; ++x) {
        const uint8_t* colour = table.ptr<uint8_t>(0) + 3 * level[x];
        for (int c = 0; c < 3; ++c) {
          dst[3 * x + c] = static_cast<uint8_t>((src[3 * x + c] * (256 - weight) + colour[c] * weight + 128) >> 8);
        }
      }
    }
  }
  if (style.grid) drawPatchGrid(out, map.rows, map.cols, crop);
  return out;
}

void drawPatchGrid(cv::Mat& rgb, int rows, int cols, const cv::Rect2d& crop) {
  requireRgb(rgb, "drawPatchGrid");
  if (rows <= 0 || cols <= 0) throw std::invalid_argument("drawPatchGrid: rows and cols must be positive");
  const cv::Rect visible = roundedRect(crop) & cv::Rect(0, 0, rgb.cols, rgb.rows);
  if (visible.area() == 0) return;
  // 1 px up to 1000 px images, then one more pixel per 1000.
  const int thickness = std::max(1, std::min(rgb.cols, rgb.rows) / 1000 + 1);
  const int x0 = visible.x, x1 = visible.x + visible.width;
  const int y0 = visible.y, y1 = visible.y + visible.height;

  // A pixel on both a vertical and a horizontal line is changed once.
  cv::Mat onLine = cv::Mat::zeros(rgb.size(), CV_8U);
  for (int start : linePositions(crop.x, crop.width, cols, x0, x1, thickness)) {
    onLine(cv::Rect(start, y0, thickness, y1 - y0)).setTo(1);
  }
  for (int start : linePositions(crop.y, crop.height, rows, y0, y1, thickness)) {
    onLine(cv::Rect(x0, start, x1 - x0, thickness)).setTo(1);
  }
  for (int y = y0; y < y1; ++y) {
    const uint8_t* mask = onLine.ptr<uint8_t>(y);
    uint8_t* row = rgb.ptr<uint8_t>(y);
    for (int x = x0; x < x1; ++x) {
      if (mask[x]) contrastPixel(row + 3 * x);
    }
  }
}

void drawPatchOutline(cv::Mat& rgb, int rows, int cols, const cv::Rect2d& crop, int index) {
  requireRgb(rgb, "drawPatchOutline");
  if (rows <= 0 || cols <= 0 || index < 0 || index >= rows * cols) {
    throw std::invalid_argument("drawPatchOutline: patch index outside the grid");
  }
  const double width = crop.width / cols;
  const double height = crop.height / rows;
  const cv::Rect patch =
      roundedRect(cv::Rect2d(crop.x + (index % cols) * width, crop.y + (index / cols) * height, width, height));
  const int thickness = std::max(1, std::min(rgb.cols, rgb.rows) / 400 + 1);
  cv::rectangle(rgb, patch, cv::Scalar(0, 0, 0), 3 * thickness);
  cv::rectangle(rgb, patch, cv::Scalar(255, 255, 255), thickness);
}

void hatchPatches(cv::Mat& rgb, int rows, int cols, const cv::Rect2d& crop, const std::vector<int>& patches) {
  requireRgb(rgb, "hatchPatches");
  if (rows <= 0 || cols <= 0) throw std::invalid_argument("hatchPatches: rows and cols must be positive");
  const double width = crop.width / cols;
  const double height = crop.height / rows;
  const int spacing = std::max(4, static_cast<int>(std::lround(std::min(width, height) / 4.0)));
  const int thickness = std::max(1, spacing / 5);
  const cv::Rect image(0, 0, rgb.cols, rgb.rows);
  for (int index : patches) {
    if (index < 0 || index >= rows * cols) continue;
    const cv::Rect cell =
        roundedRect(cv::Rect2d(crop.x + (index % cols) * width, crop.y + (index / cols) * height, width, height)) &
        image;
    if (cell.area() == 0) continue;
    cv::Mat region = rgb(cell);
    // The image's own brightness, dimmed, in grey: the patch's content stays recognisable, no colormap colour
    // survives.
    cv::Mat grey;
    cv::cvtColor(region, grey, cv::COLOR_RGB2GRAY);
    grey.convertTo(grey, CV_8U, 0.45, 30.0);
    cv::cvtColor(grey, region, cv::COLOR_GRAY2RGB);
    // Diagonal lines across the cell, light on the darkened patch.
    for (int offset = -cell.height; offset < cell.width; offset += spacing) {
      cv::line(region, cv::Point(offset, cell.height), cv::Point(offset + cell.height, 0), cv::Scalar(200, 200, 200),
               thickness, cv::LINE_AA);
    }
  }
}

cv::Mat makeMontage(const std::vector<cv::Mat>& tiles, int columns, int gap, const cv::Scalar& background) {
  if (tiles.empty()) throw std::invalid_argument("makeMontage: no tiles");
  if (columns <= 0 || gap < 0) throw std::invalid_argument("makeMontage: columns must be positive and gap >= 0");
  const cv::Size tile = tiles.front().size();
  for (const cv::Mat& t : tiles) {
    requireRgb(t, "makeMontage");
    if (t.size() != tile) throw std::invalid_argument("makeMontage: tiles differ in size");
  }
  const int count = static_cast<int>(tiles.size());
  const int cols = std::min(columns, count);
  const int rows = (count + cols - 1) / cols;
  cv::Mat montage(rows * tile.height + (rows - 1) * gap, cols * tile.width + (cols - 1) * gap, CV_8UC3, background);
  for (int i = 0; i < count; ++i) {
    const int x = (i % cols) * (tile.width + gap);
    const int y = (i / cols) * (tile.height + gap);
    tiles[static_cast<size_t>(i)].copyTo(montage(cv::Rect(x, y, tile.width, tile.height)));
  }
  return montage;
}

}  // namespace vitlens
