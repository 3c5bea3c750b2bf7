#include "ui/overlay_renderer.h"
#include "analysis/attention_set_maps.h"

#include <QCoreApplication>
#include <QString>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "imaging/attention_mass.h"

namespace vitlens::ui {

cv::Mat selectedMap(const AttentionSet& attention, const ViewSettings& settings) {
  return computeMap(attention, settings.map());
}

cv::Mat renderView(const cv::Mat& rgb, const cv::Rect2d& crop, const cv::Mat& map, const ViewSettings& settings) {
  return renderMapView(rgb, crop, map, settings.style(), outlinedPatch(settings.map()));
}

std::vector<cv::Mat> renderHeadTiles(const cv::Mat& rgb, const cv::Rect2d& crop, const std::vector<cv::Mat>& maps,
                                     int queryPatch, const DrawStyle& style, int tileSize) {
  // Shrink the crop once; every tile is an overlay on this small copy.
  // Rounded like renderOverlay rounds the crop (both edges), and never empty.
  const int x0 = static_cast<int>(std::lround(crop.x));
  const int y0 = static_cast<int>(std::lround(crop.y));
  const int x1 = static_cast<int>(std::lround(crop.x + crop.width));
  const int y1 = static_cast<int>(std::lround(crop.y + crop.height));
  cv::Rect cropRect = cv::Rect(x0, y0, std::max(1, x1 - x0), std::max(1, y1 - y0)) & cv::Rect(0, 0, rgb.cols, rgb.rows);
  if (cropRect.area() == 0) cropRect = cv::Rect(0, 0, rgb.cols, rgb.rows);
  const double scale = static_cast<double>(tileSize) / std::max(cropRect.width, cropRect.height);
  const cv::Size tile(std::max(1, cvRound(cropRect.width * scale)), std::max(1, cvRound(cropRect.height * scale)));
  cv::Mat small;
  cv::resize(rgb(cropRect), small, tile, 0, 0, cv::INTER_AREA);
  const cv::Rect2d whole(0, 0, tile.width, tile.height);

  DrawStyle tileStyle = style;
  tileStyle.grid = false;
  tileStyle.massThreshold = 0.0;
  tileStyle.showOverlay = true;
  std::vector<cv::Mat> tiles;
  tiles.reserve(maps.size());
  for (const cv::Mat& map : maps) tiles.push_back(renderMapView(small, whole, map, tileStyle, queryPatch));
  return tiles;
}

std::vector<cv::Mat> renderHeadTiles(const cv::Mat& rgb, const cv::Rect2d& crop, const AttentionSet& attention,
                                     const ViewSettings& settings, int tileSize) {
  MapRequest tile;
  tile.queryPatch = settings.queryPatch;
  std::vector<cv::Mat> maps;
  for (int layer = 0; layer < attention.layers(); ++layer) {
    for (int head = 0; head < attention.heads(); ++head) {
      tile.layer = layer;
      tile.heads = HeadSelection{HeadReduce::Single, head};
      maps.push_back(computeMap(attention, tile));
    }
  }
  return renderHeadTiles(rgb, crop, maps, settings.queryPatch, settings.style(), tileSize);
}

cv::Mat renderPositionSimilarity(const cv::Mat& similarity, int gridRows, int gridCols, int tileScale,
                                 Colormap colormap) {
  const int patches = gridRows * gridCols;
  if (similarity.type() != CV_32F || similarity.rows != patches || similarity.cols != patches) {
    throw std::invalid_argument("renderPositionSimilarity: expected a CV_32F patches x patches matrix");
  }
  std::vector<cv::Mat> tiles;
  tiles.reserve(static_cast<size_t>(patches));
  for (int patch = 0; patch < patches; ++patch) {
    // Cosine similarity spans -1..1; a fixed scale keeps tiles comparable with each other.
    const cv::Mat row = similarity.row(patch).reshape(1, gridRows);
    cv::Mat unit;
    row.convertTo(unit, CV_32F, 0.5, 0.5);
    cv::Mat big;
    cv::resize(applyColormap(unit, colormap), big, cv::Size(gridCols * tileScale, gridRows * tileScale), 0, 0,
               cv::INTER_NEAREST);
    tiles.push_back(big);
  }
  return makeMontage(tiles, gridCols, std::max(1, tileScale / 2));
}

int patchAt(const cv::Point2d& imagePoint, const cv::Rect2d& crop, int gridRows, int gridCols) {
  if (gridRows <= 0 || gridCols <= 0 || crop.width <= 0 || crop.height <= 0) return -1;
  const double u = (imagePoint.x - crop.x) / crop.width;
  const double v = (imagePoint.y - crop.y) / crop.height;
  if (!(u >= 0.0 && u < 1.0 && v >= 0.0 && v < 1.0)) return -1;
  const int col = std::min(gridCols - 1, static_cast<int>(u * gridCols));
  const int row = std::min(gridRows - 1, static_cast<int>(v * gridRows));
  return row * gridCols + col;
}

std::string describePatchAt(const cv::Point2d& imagePoint, const cv::Rect2d& crop, const cv::Mat& map,
                            int prefixTokens) {
  if (map.empty()) return {};
  const int patch = patchAt(imagePoint, crop, map.rows, map.cols);
  if (patch < 0) return {};
  const int row = patch / map.cols;
  const int col = patch % map.cols;
  const float value = map.at<float>(row, col);
  // The status bar shows this line: it goes through the translations like the window's own texts.
  if (std::isnan(value)) {  // NaN: a patch dropped from the model's input
    return QCoreApplication::translate("vitlens::ui::OverlayRenderer",
                                       "patch %1 (row %2, col %3) · dropped from the model's input")
        .arg(patch)
        .arg(row)
        .arg(col)
        .toStdString();
  }
  return QCoreApplication::translate("vitlens::ui::OverlayRenderer",
                                     "patch %1 (row %2, col %3) · token %4 · attention %5")
      .arg(patch)
      .arg(row)
      .arg(col)
      .arg(patch + prefixTokens)
      .arg(static_cast<double>(value), 0, 'f', 4)
      .toStdString();
}

}  // namespace vitlens::ui
