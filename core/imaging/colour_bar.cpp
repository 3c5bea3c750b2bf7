#include "imaging/colour_bar.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cstdio>
#include <string>

namespace vitlens {
namespace {

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", value);
  return text;
}

}  // namespace

void drawColourBar(cv::Mat& rgb, Colormap colormap, double minimum, double maximum) {
  if (rgb.type() != CV_8UC3 || rgb.cols < 96 || rgb.rows < 96) return;
  const int barHeight = std::max(6, rgb.cols / 70);
  const double fontScale = std::max(0.35, barHeight / 20.0);
  const int thickness = std::max(1, barHeight / 8);
  const int margin = std::max(4, barHeight / 2);
  const std::string low = number(minimum);
  const std::string high = number(maximum);
  int baseline = 0;
  const cv::Size textSize = cv::getTextSize("0", cv::FONT_HERSHEY_SIMPLEX, fontScale, thickness, &baseline);
  const int lowWidth = cv::getTextSize(low, cv::FONT_HERSHEY_SIMPLEX, fontScale, thickness, &baseline).width;
  const int highWidth = cv::getTextSize(high, cv::FONT_HERSHEY_SIMPLEX, fontScale, thickness, &baseline).width;
  // Wide enough for both numbers with room between them.
  const int barWidth = std::max({64, rgb.cols / 5, lowWidth + highWidth + 3 * margin});
  if (barWidth + 4 * margin > rgb.cols) return;
  // A dark panel under the bar and its numbers, so both read on any photo.
  const cv::Rect panel(margin, rgb.rows - margin - (barHeight + textSize.height + baseline + 3 * margin),
                       barWidth + 2 * margin, barHeight + textSize.height + baseline + 3 * margin);
  if (panel.y < 0) return;
  cv::Mat region = rgb(panel);
  region.convertTo(region, -1, 0.25, 15.0);  // dimmed in place
  cv::Mat ramp(1, barWidth, CV_32F);
  for (int i = 0; i < barWidth; ++i) ramp.at<float>(0, i) = static_cast<float>(i) / static_cast<float>(barWidth - 1);
  cv::Mat colours = applyColormap(ramp, colormap);  // (1, width) RGB
  cv::Mat bar;
  cv::resize(colours, bar, cv::Size(barWidth, barHeight), 0, 0, cv::INTER_NEAREST);
  bar.copyTo(rgb(cv::Rect(panel.x + margin, panel.y + margin, barWidth, barHeight)));
  const int textY = panel.y + 2 * margin + barHeight + textSize.height;
  const cv::Scalar white(240, 240, 240);
  cv::putText(rgb, low, cv::Point(panel.x + margin, textY), cv::FONT_HERSHEY_SIMPLEX, fontScale, white, thickness,
              cv::LINE_AA);
  cv::putText(rgb, high, cv::Point(panel.x + margin + barWidth - highWidth, textY), cv::FONT_HERSHEY_SIMPLEX, fontScale,
              white, thickness, cv::LINE_AA);
}

}  // namespace vitlens
