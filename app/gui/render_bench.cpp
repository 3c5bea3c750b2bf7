// vitlens-render-bench: how long the window takes to re-render the overlay from cached attention when the user
// switches layer, head, query, colours or outline, at a given image size (default 1920x1080). No forward pass is
// timed except once, up front; these are the figures behind "re-rendering takes well under a frame".
#include <QCoreApplication>
#include <QImage>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <tuple>
#include <vector>

#include "engine/engine.h"
#include "imaging/image_decode.h"
#include "ui/analysis_worker.h"
#include "ui/image_convert.h"
#include "ui/overlay_renderer.h"
#include "util/arg_parser.h"

namespace {

using vitlens::ui::ViewSettings;

struct Timing {
  double median = 0.0;
  double p90 = 0.0;
};

Timing measure(int repeats, const std::function<void()>& work) {
  work();  // warm caches and lazy allocations
  std::vector<double> ms;
  ms.reserve(static_cast<size_t>(repeats));
  for (int i = 0; i < repeats; ++i) {
    const auto start = std::chrono::steady_clock::now();
    work();
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 9 / 10)]};
}

}  // namespace

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  std::string model;
  std::string imagePath;
  int width = 1920;
  int height = 1080;
  int repeats = 100;
  vitlens::ModelLoadOptions options;
  try {
    const vitlens::Args args(std::vector<std::string>(argv + 1, argv + argc), {"help"},
                             {"model", "image", "width", "height", "repeats", "input-size"});
    if (args.has("help")) {
      std::printf(
          "usage: vitlens-render-bench [--model FILE] [--input-size S] [--image FILE] [--width W] [--height H]\n"
          "                            [--repeats N]\n"
          "Times each kind of setting change (median and 90th percentile, ms): the map from the cached attention\n"
          "(the worker's part), the drawing from a cached map at the image's resolution (exports: colours,\n"
          "opacity, outlines, grid, QImage), and the window's drawing (the overlay on a copy of at most\n"
          "2560x1600 pixels; grid and outlines are drawn by the view at screen resolution).\n"
          "The image is resized to W x H (default 1920 x 1080); without --image a synthetic gradient is used.\n");
      return 0;
    }
    if (!args.positionals().empty()) throw vitlens::UsageError("unexpected argument '" + args.positionals()[0] + "'");
    model = args.valueOr("model", "");
    imagePath = args.valueOr("image", "");
    width = args.intValue("width", width, 16, 16384);
    height = args.intValue("height", height, 16, 16384);
    repeats = args.intValue("repeats", repeats, 1, 100000);
    if (const auto size = args.value("input-size")) {
      try {
        std::tie(options.inputHeight, options.inputWidth) = vitlens::parseInputSize(*size);
      } catch (const std::invalid_argument& error) {
        throw vitlens::UsageError(error.what());
      }
    }
  } catch (const vitlens::UsageError& error) {
    std::fprintf(stderr, "vitlens-render-bench: error: %s\n", error.what());
    return 2;
  }

  try {
    cv::Mat image;
    if (imagePath.empty()) {
      image = cv::Mat(height, width, CV_8UC3);
      for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) image.at<cv::Vec3b>(y, x) = cv::Vec3b(x * 255 / width, y * 255 / height, 128);
    } else {
      cv::resize(vitlens::decodeImageFile(imagePath), image, cv::Size(width, height), 0, 0, cv::INTER_AREA);
    }
    vitlens::Engine engine(model, vitlens::DeviceChoice::Cpu, options);
    const vitlens::ImageAnalysis analysis = engine.analyse(image, 5, true);
    const vitlens::AttentionSet& attention = *analysis.attention;
    std::printf("model %s (%d layers x %d heads, %dx%d patches), image %dx%d, %d repeats\n", engine.source().c_str(),
                attention.layers(), attention.heads(), attention.gridRows(), attention.gridCols(), width, height,
                repeats);
    std::printf("%-26s %12s %12s %12s %12s %12s %12s\n", "change", "map median", "map p90", "draw median", "draw p90",
                "screen med.", "screen p90");
    // What the window draws on the GUI thread: the overlay on the screen-size copy, lines left to the view.
    const cv::Mat viewBase = vitlens::ui::reducedForView(image);
    const double sx = static_cast<double>(viewBase.cols) / image.cols;
    const double sy = static_cast<double>(viewBase.rows) / image.rows;
    const cv::Rect2d& crop = analysis.sourceCrop;
    const cv::Rect2d viewCrop(crop.x * sx, crop.y * sy, crop.width * sx, crop.height * sy);
    auto drawOnScreen = [&](const cv::Mat& map, ViewSettings s) {
      s.grid = false;
      s.massThreshold = 0.0;
      s.queryPatch = -1;
      const QImage shown = vitlens::ui::wrapAsQImage(vitlens::ui::renderView(viewBase, viewCrop, map, s));
      if (shown.isNull()) throw std::runtime_error("empty render");
    };

    ViewSettings settings;
    auto draw = [&](const cv::Mat& map, const ViewSettings& s) {
      const cv::Mat rendered = vitlens::ui::renderView(image, analysis.sourceCrop, map, s);
      const QImage shown = vitlens::ui::wrapAsQImage(rendered);
      if (shown.isNull()) throw std::runtime_error("empty render");
    };
    struct Case {
      const char* name;
      std::function<void(ViewSettings&, int)> change;
    };
    const std::vector<Case> cases = {
        {"layer", [&](ViewSettings& s, int i) { s.layer = i % attention.layers(); }},
        {"head",
         [&](ViewSettings& s, int i) {
           s.heads = {vitlens::HeadReduce::Single, i % attention.heads()};
         }},
        {"query patch",
         [&](ViewSettings& s, int i) { s.queryPatch = (i * 7) % (attention.gridRows() * attention.gridCols()); }},
        {"colormap", [&](ViewSettings& s, int i) { s.colormap = static_cast<vitlens::Colormap>(i % 6); }},
        {"opacity", [&](ViewSettings& s, int i) { s.opacity = 0.2 + 0.6 * (i % 5) / 4.0; }},
        {"mass outline 60 %",
         [&](ViewSettings& s, int i) {
           s.massThreshold = 0.6;
           s.layer = i % attention.layers();
         }},
        {"patch grid on",
         [&](ViewSettings& s, int i) {
           s.grid = true;
           s.layer = i % attention.layers();
         }},
        {"rollout (discard ratio)",
         [&](ViewSettings& s, int i) {
           s.method = vitlens::ui::AttentionMethod::Rollout;
           s.discardRatio = 0.5 + 0.1 * (i % 5);
         }},
    };
    for (const Case& c : cases) {
      int i = 0;
      const Timing mapTime = measure(repeats, [&] {
        ViewSettings s = settings;
        c.change(s, i++);
        if (vitlens::ui::selectedMap(attention, s).empty()) throw std::runtime_error("empty map");
      });
      // Drawing from maps computed beforehand, as the window does once the map is cached.
      std::vector<std::pair<ViewSettings, cv::Mat>> prepared;
      for (int k = 0; k < 8; ++k) {
        ViewSettings s = settings;
        c.change(s, k);
        prepared.emplace_back(s, vitlens::ui::selectedMap(attention, s));
      }
      int j = 0;
      const Timing drawTime = measure(repeats, [&] {
        const auto& [s, map] = prepared[static_cast<size_t>(j++ % 8)];
        draw(map, s);
      });
      int k = 0;
      const Timing screenTime = measure(repeats, [&] {
        const auto& [s, map] = prepared[static_cast<size_t>(k++ % 8)];
        drawOnScreen(map, s);
      });
      std::printf("%-26s %12.2f %12.2f %12.2f %12.2f %12.2f %12.2f\n", c.name, mapTime.median, mapTime.p90,
                  drawTime.median, drawTime.p90, screenTime.median, screenTime.p90);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "vitlens-render-bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
