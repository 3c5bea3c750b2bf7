#include "ui/image_convert.h"

#include <QPainter>
#include <cstring>
#include <stdexcept>

namespace vitlens::ui {

QImage toQImage(const cv::Mat& rgb) {
  if (rgb.empty()) return {};
  if (rgb.type() != CV_8UC3) throw std::invalid_argument("toQImage: expected CV_8UC3 RGB");
  const QImage view(rgb.data, rgb.cols, rgb.rows, static_cast<qsizetype>(rgb.step), QImage::Format_RGB888);
  return view.copy();  // detach from the cv::Mat's buffer
}

QImage wrapAsQImage(const cv::Mat& rgb) {
  if (rgb.empty()) return {};
  if (rgb.type() != CV_8UC3) throw std::invalid_argument("wrapAsQImage: expected CV_8UC3 RGB");
  auto* keep = new cv::Mat(rgb);  // shares the buffer; released with the last QImage copy
  const uchar* pixels = keep->data;
  return QImage(
      pixels, keep->cols, keep->rows, static_cast<qsizetype>(keep->step), QImage::Format_RGB888,
      [](void* info) { delete static_cast<cv::Mat*>(info); }, keep);
}

cv::Mat fromQImage(const QImage& image) {
  if (image.isNull()) return {};
  QImage source = image;
  source.setDevicePixelRatio(1.0);  // pixels, not device-independent units: a HiDPI image keeps its full size
  QImage rgb(source.size(), QImage::Format_RGB888);
  rgb.fill(Qt::white);
  {
    QPainter painter(&rgb);
    painter.drawImage(0, 0, source);
  }
  cv::Mat out(rgb.height(), rgb.width(), CV_8UC3);
  for (int y = 0; y < rgb.height(); ++y) {
    std::memcpy(out.ptr(y), rgb.constScanLine(y), static_cast<size_t>(rgb.width()) * 3);
  }
  return out;
}

}  // namespace vitlens::ui
