#pragma once
// Between OpenCV's RGB matrices (what core/ works on) and Qt's images (what widgets draw).
#include <QImage>
#include <opencv2/core/mat.hpp>

namespace vitlens::ui {

// CV_8UC3 RGB -> a QImage that owns its pixels (Format_RGB888).
QImage toQImage(const cv::Mat& rgb);

// CV_8UC3 RGB -> a QImage that shares the matrix's pixels (no copy) and keeps them alive; read-only (Qt copies on
// write). For the large, re-rendered overlay, where a copy per frame would cost milliseconds.
QImage wrapAsQImage(const cv::Mat& rgb);

// Any QImage (clipboard, drag and drop) -> CV_8UC3 RGB; alpha is composited over white like decodeImageFile does.
cv::Mat fromQImage(const QImage& image);

}  // namespace vitlens::ui
