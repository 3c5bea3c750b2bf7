#pragma once
// Image files made in memory for the decoding tests: OpenCV encodes, vitlens decodes.
#include <opencv2/core/mat.hpp>
#include <opencv2/imgcodecs.hpp>

#include <QMetaType>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

using Bytes = std::vector<uint8_t>;
Q_DECLARE_METATYPE(Bytes)

namespace {

Bytes encode(const cv::Mat& image, const std::string& ext, const std::vector<int>& params = {}) {
  Bytes bytes;
  if (!cv::imencode(ext, image, bytes, params)) throw std::runtime_error("cannot encode " + ext);
  return bytes;
}

}  // namespace
