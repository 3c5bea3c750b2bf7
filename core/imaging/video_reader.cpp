#include "imaging/video_reader.h"

#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include <cmath>
#include <stdexcept>

#include "util/file_error.h"
#include "util/input_file.h"

namespace vitlens {

VideoReader::VideoReader(const std::string& path, int64_t maxFramePixels)
    : path_(path), capture_(std::make_unique<cv::VideoCapture>()), maxFramePixels_(maxFramePixels) {
  { InputFile check(path); }  // missing, unreadable, a FIFO or a device: refused here, before any decoder opens it
  bool opened = false;
  try {
    opened = capture_->open(path, cv::CAP_ANY);
  } catch (const cv::Exception&) {
    opened = false;
  }
  if (!opened || !capture_->isOpened()) throw FileError(path + ": not a video vitlens can read");
  const double fps = capture_->get(cv::CAP_PROP_FPS);
  fps_ = std::isfinite(fps) && fps >= 1.0 && fps <= 1000.0 ? fps : 25.0;
  const double frames = capture_->get(cv::CAP_PROP_FRAME_COUNT);
  frames_ = std::isfinite(frames) && frames > 0 && frames < 1e9 ? static_cast<int64_t>(frames) : 0;
  size_ = cv::Size(static_cast<int>(capture_->get(cv::CAP_PROP_FRAME_WIDTH)),
                   static_cast<int>(capture_->get(cv::CAP_PROP_FRAME_HEIGHT)));
  if (static_cast<int64_t>(size_.width) * size_.height > maxFramePixels_) {
    throw std::runtime_error(path + ": frames of " + std::to_string(size_.width) + "x" + std::to_string(size_.height) +
                             " pixels are larger than vitlens shows");
  }
}

VideoReader::~VideoReader() = default;

cv::Mat VideoReader::read() {
  cv::Mat bgr;
  try {
    if (!capture_->read(bgr)) return {};
  } catch (const cv::Exception&) {
    return {};  // a damaged stream ends the video here, as a player would
  }
  if (bgr.empty() || static_cast<int64_t>(bgr.cols) * bgr.rows > maxFramePixels_) return {};
  cv::Mat rgb;
  if (bgr.type() == CV_8UC3) {
    cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
  } else if (bgr.type() == CV_8UC1) {
    cv::cvtColor(bgr, rgb, cv::COLOR_GRAY2RGB);
  } else {
    return {};
  }
  ++read_;
  return rgb;
}

}  // namespace vitlens
