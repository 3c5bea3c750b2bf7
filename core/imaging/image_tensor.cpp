// HWC OpenCV images to CHW LibTorch tensors. Only narrow ATen headers, to keep this file quick to compile.
#include "imaging/image_tensor.h"

#include <ATen/ops/empty.h>

#include <stdexcept>
#include <string>

namespace vitlens {
namespace {

void checkInput(const cv::Mat& input) {
  if (input.empty() || input.type() != CV_32FC3) {
    throw std::invalid_argument("toInputTensor: prepared input must be a non-empty CV_32FC3 image");
  }
}

// Writes one (3, H, W) plane set from an (H, W, 3) image.
void copyChw(const cv::Mat& input, float* out) {
  const int64_t plane = static_cast<int64_t>(input.rows) * input.cols;
  for (int y = 0; y < input.rows; ++y) {
    const float* src = input.ptr<float>(y);
    const int64_t row = static_cast<int64_t>(y) * input.cols;
    for (int x = 0; x < input.cols; ++x) {
      out[row + x] = src[3 * x];
      out[plane + row + x] = src[3 * x + 1];
      out[2 * plane + row + x] = src[3 * x + 2];
    }
  }
}

}  // namespace

at::Tensor toInputTensor(const PreparedImage& prepared) {
  checkInput(prepared.input);
  at::Tensor tensor = at::empty({1, 3, prepared.input.rows, prepared.input.cols}, at::TensorOptions(at::kFloat));
  copyChw(prepared.input, tensor.data_ptr<float>());  // (1, 3, H, W)
  return tensor;
}

at::Tensor toInputBatch(const std::vector<PreparedImage>& prepared) {
  if (prepared.empty()) throw std::invalid_argument("toInputBatch: no images");
  const cv::Size size = prepared.front().input.size();
  for (const PreparedImage& image : prepared) {
    checkInput(image.input);
    if (image.input.size() != size) {
      throw std::invalid_argument("toInputBatch: images differ in size (" + std::to_string(size.width) + "x" +
                                  std::to_string(size.height) + " vs " + std::to_string(image.input.cols) + "x" +
                                  std::to_string(image.input.rows) + ")");
    }
  }
  const auto batch = static_cast<int64_t>(prepared.size());
  at::Tensor tensor = at::empty({batch, 3, size.height, size.width}, at::TensorOptions(at::kFloat));  // (B, 3, H, W)
  float* out = tensor.data_ptr<float>();
  const int64_t stride = 3 * static_cast<int64_t>(size.height) * size.width;
  for (int64_t b = 0; b < batch; ++b) copyChw(prepared[static_cast<size_t>(b)].input, out + b * stride);
  return tensor;
}

}  // namespace vitlens
