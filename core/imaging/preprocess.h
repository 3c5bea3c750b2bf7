#pragma once
// From a user's RGB image to the model's input: resize the shorter side, center-crop, normalise.
#include <opencv2/core/mat.hpp>
#include <opencv2/core/types.hpp>

#include <array>

namespace vitlens {

struct PreprocessSpec {
  int height = 32;                              // model input height
  int width = 32;                               // model input width
  std::array<float, 3> mean{0.5f, 0.5f, 0.5f};  // RGB, in [0, 1] units
  std::array<float, 3> stddev{0.5f, 0.5f, 0.5f};
  double cropPct = 1.0;  // resize so the crop covers cropPct of the shorter side
};

struct PreparedImage {
  cv::Mat input;          // CV_32FC3, RGB, normalised, height x width of the spec
  cv::Rect2d sourceCrop;  // the region of the original image that the input covers, in source pixels
};

// Resizes with INTER_AREA when shrinking and INTER_CUBIC when enlarging; no resampling when the size
// already matches. rgb must be CV_8UC3.
PreparedImage preprocessImage(const cv::Mat& rgb, const PreprocessSpec& spec);

}  // namespace vitlens
