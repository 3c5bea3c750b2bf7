// timm's eval transform in OpenCV: resize so that a centred crop of cropPct covers the model input, crop,
// scale to [0, 1] and normalise per channel.
#include "imaging/preprocess.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace vitlens {
namespace {

void validate(const cv::Mat& rgb, const PreprocessSpec& spec) {
  if (rgb.empty()) throw std::invalid_argument("preprocessImage: empty image");
  if (rgb.type() != CV_8UC3) throw std::invalid_argument("preprocessImage: image must be CV_8UC3 RGB");
  if (spec.height <= 0 || spec.width <= 0) {
    throw std::invalid_argument("preprocessImage: input size must be positive, got " + std::to_string(spec.height) +
                                " x " + std::to_string(spec.width));
  }
  if (!(spec.cropPct > 0.0 && spec.cropPct <= 1.0)) {
    throw std::invalid_argument("preprocessImage: cropPct must be in (0, 1], got " + std::to_string(spec.cropPct));
  }
  for (int c = 0; c < 3; ++c) {
    if (!std::isfinite(spec.mean[c]) || !std::isfinite(spec.stddev[c]) || !(spec.stddev[c] > 0.0f)) {
      throw std::invalid_argument("preprocessImage: mean must be finite and stddev positive");
    }
  }
}

}  // namespace

PreparedImage preprocessImage(const cv::Mat& rgb, const PreprocessSpec& spec) {
  validate(rgb, spec);
  const int targetH = spec.height;
  const int targetW = spec.width;

  // Scale so that the target crop is cropPct of the resized image along its tighter side:
  // f = max(H_t / h, W_t / w) / cropPct. Rounded sizes never fall below the target.
  const double f =
      std::max(static_cast<double>(targetH) / rgb.rows, static_cast<double>(targetW) / rgb.cols) / spec.cropPct;
  // Crop first, in source pixels, then resize only that region: resizing the whole image of a 1 x 60000 panorama
  // for a 224 model would mean a 13-million-pixel-wide intermediate.
  const double cropW = std::min<double>(rgb.cols, targetW / f);
  const double cropH = std::min<double>(rgb.rows, targetH / f);
  const double cropX = (rgb.cols - cropW) / 2.0;
  const double cropY = (rgb.rows - cropH) / 2.0;
  // The whole source pixels that cover the crop (one extra at a fractional edge).
  const int x0 = static_cast<int>(std::floor(cropX + 1e-9));
  const int y0 = static_cast<int>(std::floor(cropY + 1e-9));
  const int x1 = std::min(rgb.cols, static_cast<int>(std::ceil(cropX + cropW - 1e-9)));
  const int y1 = std::min(rgb.rows, static_cast<int>(std::ceil(cropY + cropH - 1e-9)));
  const cv::Mat region = rgb(cv::Rect(x0, y0, x1 - x0, y1 - y0));

  const int resizedW = std::max(targetW, static_cast<int>(std::lround(region.cols * f)));
  const int resizedH = std::max(targetH, static_cast<int>(std::lround(region.rows * f)));
  cv::Mat resized = region;
  if (resizedW != region.cols || resizedH != region.rows) {
    const int interpolation = f < 1.0 ? cv::INTER_AREA : cv::INTER_CUBIC;
    cv::resize(region, resized, cv::Size(resizedW, resizedH), 0.0, 0.0, interpolation);
  }
  // Scale cv::resize actually used on each axis (rounding makes it differ slightly from f).
  const double toSourceX = static_cast<double>(region.cols) / resizedW;
  const double toSourceY = static_cast<double>(region.rows) / resizedH;
  const int offsetX = std::clamp(static_cast<int>(std::lround((cropX - x0) / toSourceX)), 0, resizedW - targetW);
  const int offsetY = std::clamp(static_cast<int>(std::lround((cropY - y0) / toSourceY)), 0, resizedH - targetH);
  const cv::Mat crop = resized(cv::Rect(offsetX, offsetY, targetW, targetH));

  PreparedImage prepared;
  prepared.sourceCrop =
      cv::Rect2d(x0 + offsetX * toSourceX, y0 + offsetY * toSourceY, targetW * toSourceX, targetH * toSourceY);

  // (v / 255 - mean) / std per channel, through a table: one exact float per (channel, byte value).
  float table[3][256];
  for (int c = 0; c < 3; ++c) {
    for (int v = 0; v < 256; ++v) table[c][v] = (static_cast<float>(v) / 255.0f - spec.mean[c]) / spec.stddev[c];
  }
  prepared.input.create(targetH, targetW, CV_32FC3);
  for (int y = 0; y < targetH; ++y) {
    const uint8_t* src = crop.ptr<uint8_t>(y);
    float* dst = prepared.input.ptr<float>(y);
    for (int i = 0; i < targetW * 3; i += 3) {
      dst[i] = table[0][src[i]];
      dst[i + 1] = table[1][src[i + 1]];
      dst[i + 2] = table[2][src[i + 2]];
    }
  }
  return prepared;
}

}  // namespace vitlens
