#include "imaging/attention_mass.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace vitlens {

cv::Mat attentionMassMask(const cv::Mat& map, double fraction) {
  if (map.type() != CV_32F || map.empty()) throw std::invalid_argument("attentionMassMask: expected a CV_32F map");
  cv::Mat mask = cv::Mat::zeros(map.size(), CV_8U);
  const cv::Mat values = map.isContinuous() ? map : map.clone();
  const int count = static_cast<int>(values.total());
  const float* weights = values.ptr<float>();
  double total = 0.0;
  for (int i = 0; i < count; ++i) total += std::max(0.0f, weights[i]);
  if (fraction <= 0.0 || total <= 0.0) return mask;

  std::vector<int> order(static_cast<size_t>(count));
  std::iota(order.begin(), order.end(), 0);
  // Stable, so equal weights are taken in reading order and the result never depends on the sort.
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return weights[a] > weights[b]; });
  const double target = std::min(fraction, 1.0) * total;
  double held = 0.0;
  for (int index : order) {
    if (held >= target || weights[index] <= 0.0f) break;
    held += weights[index];
    mask.at<uint8_t>(index / map.cols, index % map.cols) = 255;
  }
  return mask;
}

void drawMaskOutline(cv::Mat& rgb, const cv::Mat& mask, const cv::Rect2d& crop) {
  if (mask.type() != CV_8U || mask.empty()) throw std::invalid_argument("drawMaskOutline: expected a CV_8U mask");
  const int rows = mask.rows;
  const int cols = mask.cols;
  const double cellW = crop.width / cols;
  const double cellH = crop.height / rows;
  const int thickness = std::max(1, static_cast<int>(std::lround(std::min(rgb.cols, rgb.rows) / 300.0)));
  auto x = [&](int c) { return static_cast<int>(std::lround(crop.x + c * cellW)); };
  auto y = [&](int r) { return static_cast<int>(std::lround(crop.y + r * cellH)); };
  auto inside = [&](int r, int c) { return r >= 0 && r < rows && c >= 0 && c < cols && mask.at<uint8_t>(r, c) != 0; };

  // Collect the edges between an inside and an outside patch, then draw them twice (dark, then gold) so the line
  // shows on any colour and is not mistaken for the query patch's white box.
  std::vector<std::pair<cv::Point, cv::Point>> edges;
  for (int r = 0; r <= rows; ++r) {
    for (int c = 0; c < cols; ++c) {
      if (inside(r - 1, c) != inside(r, c)) edges.push_back({{x(c), y(r)}, {x(c + 1), y(r)}});
    }
  }
  for (int c = 0; c <= cols; ++c) {
    for (int r = 0; r < rows; ++r) {
      if (inside(r, c - 1) != inside(r, c)) edges.push_back({{x(c), y(r)}, {x(c), y(r + 1)}});
    }
  }
  for (const auto& edge : edges) cv::line(rgb, edge.first, edge.second, cv::Scalar(0, 0, 0), thickness + 2);
  for (const auto& edge : edges) cv::line(rgb, edge.first, edge.second, cv::Scalar(255, 215, 0), thickness);
}

}  // namespace vitlens
