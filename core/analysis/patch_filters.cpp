#include "analysis/patch_filters.h"

#include <ATen/ATen.h>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <stdexcept>

namespace vitlens {
namespace {

// One filter (C, P, P) as float CV_32FC3 (P, P) RGB, min-max normalised to [0, 1].
cv::Mat filterToTile(const at::Tensor& filter, int scale) {
  const int64_t channels = filter.size(0);
  const int size = static_cast<int>(filter.size(1));
  // (P, P, 3): grayscale filters are shown as gray, extra channels beyond RGB are ignored.
  at::Tensor hwc = (channels >= 3 ? filter.slice(0, 0, 3) : filter[0].unsqueeze(0).expand({3, size, size}))
                       .permute({1, 2, 0})
                       .contiguous()
                       .to(at::kFloat);
  const float lo = hwc.min().item<float>();
  const float hi = hwc.max().item<float>();
  hwc = hi > lo ? (hwc - lo) / (hi - lo) : at::zeros_like(hwc);
  cv::Mat unit(size, size, CV_32FC3, hwc.data_ptr<float>());
  cv::Mat tile;
  unit.convertTo(tile, CV_8UC3, 255.0);
  cv::Mat scaled;
  cv::resize(tile, scaled, cv::Size(size * scale, size * scale), 0, 0, cv::INTER_NEAREST);
  return scaled;
}

void checkWeight(const at::Tensor& weight, int scale) {
  if (!weight.defined() || weight.dim() != 4 || weight.size(2) != weight.size(3)) {
    throw std::invalid_argument("patch-embedding weight must be (D, C, P, P)");
  }
  if (scale < 1 || scale > 64) throw std::invalid_argument("tile scale must be in 1..64");
}

}  // namespace

std::vector<cv::Mat> patchFilterTiles(const at::Tensor& weight, int scale) {
  checkWeight(weight, scale);
  const at::Tensor cpu = weight.detach().to(at::kCPU, at::kFloat);
  std::vector<cv::Mat> tiles;
  tiles.reserve(static_cast<size_t>(cpu.size(0)));
  for (int64_t i = 0; i < cpu.size(0); ++i) tiles.push_back(filterToTile(cpu[i], scale));
  return tiles;
}

std::vector<cv::Mat> patchFilterPrincipalComponents(const at::Tensor& weight, int count, int scale) {
  checkWeight(weight, scale);
  const at::Tensor cpu = weight.detach().to(at::kCPU, at::kFloat).contiguous();
  const int64_t filters = cpu.size(0);
  const int64_t features = cpu.size(1) * cpu.size(2) * cpu.size(3);
  const int components = static_cast<int>(std::min<int64_t>({count, filters, features}));
  if (components < 1) throw std::invalid_argument("need at least one principal component");
  // Rows are filters, flattened (D, C*P*P); cv::PCA centres them and returns eigenvectors as rows.
  const cv::Mat rows(static_cast<int>(filters), static_cast<int>(features), CV_32F, cpu.data_ptr<float>());
  const cv::PCA pca(rows, cv::noArray(), cv::PCA::DATA_AS_ROW, components);
  std::vector<cv::Mat> tiles;
  for (int i = 0; i < pca.eigenvectors.rows; ++i) {
    const cv::Mat vector = pca.eigenvectors.row(i).clone();
    const at::Tensor filter =
        at::from_blob(vector.data, {cpu.size(1), cpu.size(2), cpu.size(3)}, at::kFloat).clone();  // (C, P, P)
    tiles.push_back(filterToTile(filter, scale));
  }
  return tiles;
}

}  // namespace vitlens
