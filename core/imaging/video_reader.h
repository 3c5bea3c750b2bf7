#pragma once
// Frames of a video file, one at a time, as RGB images the engine takes (File › Open Video). Only regular files are
// opened (a FIFO or a device could block the decoder forever), and frames too large for the window's overlay are
// refused with a message instead of being decoded.
#include <opencv2/core/mat.hpp>

#include <memory>
#include <string>

namespace cv {
class VideoCapture;
}

namespace vitlens {

class VideoReader {
 public:
  // Throws FileError naming the path: missing, not a regular file, or no video OpenCV can decode; std::runtime_error
  // for frames beyond maxFramePixels.
  explicit VideoReader(const std::string& path, int64_t maxFramePixels = 8192LL * 8192LL);
  ~VideoReader();
  VideoReader(const VideoReader&) = delete;
  VideoReader& operator=(const VideoReader&) = delete;

  // The next frame, CV_8UC3 RGB; empty at the end of the video (or where it stops decoding).
  cv::Mat read();
  // Frames per second the file declares (a sensible 25 when it declares none or nonsense), and its frame count
  // (0 when unknown).
  double framesPerSecond() const { return fps_; }
  int64_t frameCount() const { return frames_; }
  cv::Size frameSize() const { return size_; }
  int64_t framesRead() const { return read_; }

 private:
  std::string path_;
  std::unique_ptr<cv::VideoCapture> capture_;
  double fps_ = 25.0;
  int64_t frames_ = 0;
  int64_t read_ = 0;
  cv::Size size_;
  int64_t maxFramePixels_;
};

}  // namespace vitlens
