// vitlens: the desktop window. `vitlens [--model FILE] [--device D] [view options] [IMAGE]`, or with
// --screenshot OUT.png: load, run, render the whole window once, write it, exit (documentation and tests).
#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <stdexcept>

#include "engine/error_text.h"
#include "model/blas_kernels.h"
#include "ui/application_icon.h"
#include "ui/attention_controls.h"
#include "ui/file_safety.h"
#include "ui/image_view.h"
#include "ui/language.h"
#include "ui/main_window.h"
#include "util/malloc_tuning.h"
#include "util/message_text.h"
#include "view_options.h"

namespace {

int fail(const QString& message) {
  std::fprintf(stderr, "vitlens: %s\n", vitlens::displayText(message.toStdString()).c_str());
  return 1;
}

// The options, on any application object: --help and --version run on a QCoreApplication, so they work
// without a display.
void describeOptions(QCommandLineParser& parser) {
  parser.setApplicationDescription(QStringLiteral("See what a Vision Transformer looks at."));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addOptions({
      {QStringLiteral("model"), QStringLiteral("vitlens model file (default: the built-in model)."),
       QStringLiteral("FILE")},
      {QStringLiteral("device"), QStringLiteral("auto, cpu or cuda (default auto)."), QStringLiteral("DEVICE"),
       QStringLiteral("auto")},
      {QStringLiteral("screenshot"), QStringLiteral("Render the window once into OUT.png and exit."),
       QStringLiteral("OUT.png")},
      {QStringLiteral("npy"), QStringLiteral("With --screenshot: also write the map shown as .npy."),
       QStringLiteral("FILE")},
      {QStringLiteral("force"), QStringLiteral("With --screenshot: replace OUT.png (and the .npy) if they exist.")},
      {QStringLiteral("saved-settings"),
       QStringLiteral("With --screenshot: start from the saved view and layout, not from the defaults.")},
      {QStringLiteral("panel"),
       QStringLiteral(
           "Right-hand panel to show: heads, anatomy, faithfulness (measured for the screenshot) or evaluation "
           "(default: heads)."),
       QStringLiteral("NAME")},
      {QStringLiteral("ablate-heads"),
       QStringLiteral("Switch these heads off, L:H[,L:H...] (as Ctrl+click in the heads grid)."),
       QStringLiteral("L:H")},
      {QStringLiteral("drop-patches"),
       QStringLiteral("Drop these patches from the model's input, P[,P...] row-major (as Experiment > Drop Patches)."),
       QStringLiteral("P")},
      {QStringLiteral("head-importance"),
       QStringLiteral("Colour the heads grid by each head's ablation effect (Experiment > Head Importance).")},
      {QStringLiteral("evaluate"),
       QStringLiteral("Evaluate this folder of class sub-folders once the model is loaded (File > Evaluate Folder)."),
       QStringLiteral("DIR")},
      {QStringLiteral("confusion-cell"),
       QStringLiteral("With --evaluate: list the images of this confusion cell in the filmstrip, TRUE:PREDICTED "
                      "as label names (e.g. cat:dog)."),
       QStringLiteral("CELL")},
      {QStringLiteral("video"),
       QStringLiteral("Play this video through the model (File > Open Video); with --screenshot, for --video-seconds, "
                      "then paused for the picture (the live figures go to stderr)."),
       QStringLiteral("FILE")},
      {QStringLiteral("video-seconds"), QStringLiteral("With --screenshot and --video: how long to play (default 3)."),
       QStringLiteral("S"), QStringLiteral("3")},
      {QStringLiteral("tour-step"), QStringLiteral("Open the guided tour at step N, 1-9 (Help > Tour)."),
       QStringLiteral("N")},
      {QStringLiteral("presentation"),
       QStringLiteral("Presentation mode at this text scale, 1-2.5 (View > Presentation; 1.5 in the menu)."),
       QStringLiteral("SCALE")},
      {QStringLiteral("zoom"),
       QStringLiteral("Image zoom: fit (default) or screen pixels per image pixel, 0.02-64 (e.g. 20 for a "
                      "32x32 image)."),
       QStringLiteral("Z")},
  });
  vitlens::ui::addViewOptions(parser);
  parser.addPositionalArgument(QStringLiteral("IMAGE"), QStringLiteral("Image to open."), QStringLiteral("[IMAGE]"));
}

bool asksForHelpOrVersion(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const QLatin1String arg(argv[i]);
    if (arg == QLatin1String("--help") || arg == QLatin1String("-h") || arg == QLatin1String("--help-all") ||
        arg == QLatin1String("--version") || arg == QLatin1String("-v")) {
      return true;
    }
  }
  return false;
}

void nameApplication() {
  QCoreApplication::setApplicationName(QStringLiteral("vitlens"));
  QCoreApplication::setOrganizationName(QStringLiteral("vitlens"));
  QCoreApplication::setApplicationVersion(QStringLiteral(VITLENS_VERSION));
}

// Renders the loaded window into the screenshot (and the map into the .npy); returns the exit code.
// Zooms about the view's centre (0: fit).
void applyZoom(vitlens::ui::MainWindow& window, double zoom) {
  vitlens::ui::ImageView* view = window.imageView();
  if (zoom > 0.0) view->setZoom(zoom, QPointF(view->width() / 2.0, view->height() / 2.0));
}

// What the classroom options ask of a screenshot: a video played first, the tour at a step, presentation mode.
struct Classroom {
  QString video;
  double videoSeconds = 3.0;
  int tourStep = 0;           // 1-based; 0: no tour
  double presentation = 0.0;  // text scale; 0: not in presentation mode
};

// Plays the video for `seconds` (or to its end), pauses it on the frame shown, and prints the live figures.
bool playVideo(vitlens::ui::MainWindow& window, const QString& video, double seconds) {
  if (!window.openVideo(video).isEmpty()) return false;  // the window printed why
  QEventLoop loop;
  QTimer::singleShot(static_cast<int>(seconds * 1000), &loop, &QEventLoop::quit);
  QObject::connect(window.liveInput(), &vitlens::ui::LiveInput::finished, &loop, &QEventLoop::quit);
  loop.exec();
  window.setLivePaused(true);
  window.waitForIdle();
  const vitlens::ui::LiveStats stats = window.liveInput()->stats();
  std::fprintf(stderr,
               "vitlens: live: %lld frames read, %lld shown, %lld dropped; %.1f frames/s shown, %.0f ms latency\n",
               static_cast<long long>(stats.framesRead), static_cast<long long>(stats.framesShown),
               static_cast<long long>(stats.framesDropped), stats.framesPerSecond, stats.latencyMs);
  return true;
}

int takeScreenshot(vitlens::ui::MainWindow& window, vitlens::ui::ViewSettings view, const QCommandLineParser& parser,
                   const QString& panel, double zoom, const QString& screenshot, const QString& npy, bool force,
                   bool hasImage, const Classroom& classroom) {
  window.waitForIdle();
  if (!classroom.video.isEmpty() && window.hasModel() && !playVideo(window, classroom.video, classroom.videoSeconds)) {
    return 1;
  }
  // The window has printed its own error line already.
  if (!window.hasModel() || (hasImage && !window.result())) {
    return window.lastError().isEmpty() ? fail(QStringLiteral("nothing to show")) : 1;
  }
  // The same ranges the CLI enforces, now that the model's shape is known.
  const vitlens::VitConfig& config = window.model()->meta.config;
  if (const QString error = vitlens::ui::readClassOption(parser, window.model()->meta, view); !error.isEmpty()) {
    return fail(error);
  }
  try {
    vitlens::validateMapRequest(view.map(), config);
  } catch (const std::invalid_argument& error) {
    return fail(QString::fromStdString(error.what()));
  }
  window.controls()->setSettings(view);
  window.waitForIdle();  // the map for these settings comes from the worker
  if (parser.isSet(QStringLiteral("confusion-cell"))) {
    const QStringList cell = parser.value(QStringLiteral("confusion-cell")).split(QLatin1Char(':'));
    const auto indexOf = [&](const QString& name) {
      for (int64_t i = 0; i < config.numClasses; ++i) {
        if (window.model()->meta.label(i) == name.toStdString()) return i;
      }
      return int64_t{-1};
    };
    const int64_t truth = cell.size() == 2 ? indexOf(cell[0]) : -1,
                  predicted = cell.size() == 2 ? indexOf(cell[1]) : -1;
    if (truth < 0 || predicted < 0) return fail(QStringLiteral("--confusion-cell wants TRUE:PREDICTED label names"));
    window.showConfusionCell(truth, predicted);
    window.waitForIdle();
  }
  if (classroom.tourStep > 0) {
    window.startTour(classroom.tourStep - 1);
    window.waitForIdle();
  }
  if (classroom.presentation > 0.0) window.setPresentationMode(true, classroom.presentation);
  if (classroom.tourStep == 0 || !panel.isEmpty()) window.raiseDock(panel.isEmpty() ? QStringLiteral("heads") : panel);
  window.waitForIdle();
  if (panel == QLatin1String("faithfulness") && hasImage) {
    window.measureFaithfulness(false);
    window.measureFaithfulness(true);
    window.waitForIdle();
  }
  QApplication::processEvents();
  applyZoom(window, zoom);
  if (!npy.isEmpty()) {
    const QString error = window.exportMapNpy(npy, force);
    if (!error.isEmpty()) return fail(error);
  }
  const QString error = vitlens::ui::savePng(screenshot, window.grab().toImage());
  if (!error.isEmpty()) return fail(error);
  std::printf("%s\n", screenshot.toLocal8Bit().constData());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  vitlens::reexecWithFasterBlasKernels(argv);  // before any work: OpenBLAS may have chosen slow kernels
  vitlens::tuneMallocForLargeTensors();        // before any tensor: a batch's activations are reused, not re-mapped
  if (asksForHelpOrVersion(argc, argv)) {
    QCoreApplication core(argc, argv);
    nameApplication();
    QCommandLineParser parser;
    describeOptions(parser);
    parser.process(core);  // prints and exits
    return 0;
  }
  QApplication app(argc, argv);
  nameApplication();
  vitlens::ui::applyApplicationIcon();
  QCommandLineParser parser;
  describeOptions(parser);
  parser.process(app);
  if (parser.positionalArguments().size() > 1) return fail(QStringLiteral("give at most one image"));

  vitlens::DeviceChoice device = vitlens::DeviceChoice::Auto;
  try {
    device = vitlens::parseDeviceChoice(parser.value(QStringLiteral("device")).toStdString());
  } catch (const std::exception& e) {
    return fail(QString::fromStdString(vitlens::errorMessage(e)));
  }
  if (device == vitlens::DeviceChoice::Cuda && !vitlens::cudaAvailable()) {
    return fail(QStringLiteral("CUDA was requested but is not available on this machine; use --device cpu"));
  }
  const QString panel = parser.value(QStringLiteral("panel"));
  if (!panel.isEmpty() && panel != QLatin1String("heads") && panel != QLatin1String("anatomy") &&
      panel != QLatin1String("faithfulness") && panel != QLatin1String("evaluation")) {
    return fail(QStringLiteral("--panel wants heads, anatomy, faithfulness or evaluation, not '%1'").arg(panel));
  }
  double zoom = 0.0;  // 0: fit
  if (parser.isSet(QStringLiteral("zoom")) && parser.value(QStringLiteral("zoom")) != QLatin1String("fit")) {
    bool ok = false;
    zoom = parser.value(QStringLiteral("zoom")).toDouble(&ok);
    if (!ok || !(zoom >= 0.02 && zoom <= 64.0)) {
      return fail(QStringLiteral("--zoom wants fit or a number from 0.02 to 64, not '%1'")
                      .arg(parser.value(QStringLiteral("zoom"))));
    }
  }
  vitlens::Interventions requested;
  try {
    if (parser.isSet(QStringLiteral("ablate-heads"))) {
      requested.ablatedHeads = vitlens::parseHeadList(parser.value(QStringLiteral("ablate-heads")).toStdString());
    }
    if (parser.isSet(QStringLiteral("drop-patches"))) {
      requested.droppedPatches = vitlens::parsePatchList(parser.value(QStringLiteral("drop-patches")).toStdString());
    }
  } catch (const std::invalid_argument& e) {
    return fail(QString::fromStdString(e.what()));
  }
  const QString model = parser.value(QStringLiteral("model"));
  if (parser.isSet(QStringLiteral("model")) && model.isEmpty()) {
    return fail(QStringLiteral("--model was given an empty path (leave it out for the built-in model)"));
  }
  // Checked before any model loads: a bad option is a usage error, whatever the model.
  {
    vitlens::ui::ViewSettings probe;
    const QString error = vitlens::ui::readViewOptions(parser, probe);
    if (!error.isEmpty()) return fail(error);
  }

  Classroom classroom;
  classroom.video = parser.value(QStringLiteral("video"));
  {
    bool ok = true;
    classroom.videoSeconds = parser.value(QStringLiteral("video-seconds")).toDouble(&ok);
    if (!ok || !(classroom.videoSeconds > 0.0 && classroom.videoSeconds <= 3600.0)) {
      return fail(QStringLiteral("--video-seconds wants a number of seconds from 0 to 3600"));
    }
    if (parser.isSet(QStringLiteral("tour-step"))) {
      classroom.tourStep = parser.value(QStringLiteral("tour-step")).toInt(&ok);
      if (!ok || classroom.tourStep < 1 || classroom.tourStep > 20)
        return fail(QStringLiteral("--tour-step wants 1-9"));
    }
    if (parser.isSet(QStringLiteral("presentation"))) {
      classroom.presentation = parser.value(QStringLiteral("presentation")).toDouble(&ok);
      if (!ok || !(classroom.presentation >= 1.0 && classroom.presentation <= 2.5)) {
        return fail(QStringLiteral("--presentation wants a text scale from 1 to 2.5"));
      }
    }
  }
  const QString screenshot = parser.value(QStringLiteral("screenshot"));
  const QString npy = parser.value(QStringLiteral("npy"));
  const bool screenshotMode = !screenshot.isEmpty();
  const bool force = parser.isSet(QStringLiteral("force"));
  if (!npy.isEmpty() && !screenshotMode) return fail(QStringLiteral("--npy goes with --screenshot"));
  if (screenshotMode && !force && QFileInfo::exists(screenshot)) {
    return fail(QStringLiteral("%1 already exists; pass --force to replace it").arg(screenshot));
  }
  if (screenshotMode && !model.isEmpty() && !model.startsWith(QLatin1String("hf:")) && !QFileInfo::exists(model)) {
    return fail(QStringLiteral("%1: no such model file or folder").arg(model));
  }
  // A screenshot shows the defaults plus the options given, not whatever the last session left: the window reads
  // (and writes) its settings in a throw-away folder unless --saved-settings asks for the user's.
  QTemporaryDir freshSettings;
  if (screenshotMode && !parser.isSet(QStringLiteral("saved-settings"))) {
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, freshSettings.path());
  }

  // The language (View › Language, else the system's) before any widget exists: texts are translated once, when
  // built. After the settings folder is chosen, so a screenshot follows the system locale unless --saved-settings.
  vitlens::ui::installSavedLanguage();
  vitlens::ui::MainWindow window(model, device, /*interactive=*/!screenshotMode);
  window.show();
  const QString image = parser.positionalArguments().value(0);
  if (!image.isEmpty()) window.openImage(image);
  if (parser.isSet(QStringLiteral("evaluate"))) {
    const QString folder = parser.value(QStringLiteral("evaluate"));
    QObject::connect(
        window.session(), &vitlens::ui::ModelSession::modelLoaded, &window,
        [&window, folder](const vitlens::ui::ModelInfo&) { window.evaluateFolder(folder); }, Qt::SingleShotConnection);
  }
  if (parser.isSet(QStringLiteral("head-importance"))) window.showHeadImportance(true);
  if (!requested.empty()) {
    // Once the model is known: its layers, heads and grid bound the lists.
    QObject::connect(
        window.session(), &vitlens::ui::ModelSession::modelLoaded, &window,
        [&window, requested](const vitlens::ui::ModelInfo& info) {
          vitlens::Interventions change = requested;
          try {
            vitlens::validateInterventions(change, info.meta.config);
            window.setAblatedHeads(change.ablatedHeads);
            window.setDroppedPatches(change.droppedPatches);
          } catch (const std::invalid_argument& e) {
            std::fprintf(stderr, "vitlens: %s\n", e.what());
          }
        },
        Qt::SingleShotConnection);
  }
  if (screenshotMode) {
    vitlens::ui::ViewSettings view = window.controls()->settings();
    readViewOptions(parser, view);
    return takeScreenshot(window, view, parser, panel, zoom, screenshot, npy, force,
                          !image.isEmpty() || !classroom.video.isEmpty(), classroom);
  }
  // Interactive: the options given replace the saved values they name; the rest stay as the user left them.
  QTimer::singleShot(0, &window, [&window, &parser, panel] {
    vitlens::ui::ViewSettings view = window.controls()->settings();
    readViewOptions(parser, view);
    window.controls()->setSettings(view);
    if (!panel.isEmpty()) window.raiseDock(panel);
  });
  // The classroom options, interactive: once the model is there.
  QObject::connect(
      window.session(), &vitlens::ui::ModelSession::modelLoaded, &window,
      [&window, classroom] {
        if (!classroom.video.isEmpty()) window.openVideo(classroom.video);
        if (classroom.tourStep > 0) window.startTour(classroom.tourStep - 1);
        if (classroom.presentation > 0.0) window.setPresentationMode(true, classroom.presentation);
      },
      Qt::SingleShotConnection);
  // --class needs the model's labels.
  QObject::connect(
      window.session(), &vitlens::ui::ModelSession::modelLoaded, &window,
      [&window, &parser] {
        vitlens::ui::ViewSettings view = window.controls()->settings();
        const QString error = vitlens::ui::readClassOption(parser, window.model()->meta, view);
        if (!error.isEmpty()) {
          std::fprintf(stderr, "vitlens: %s\n", error.toLocal8Bit().constData());
        } else {
          window.controls()->setSettings(view);
        }
      },
      Qt::SingleShotConnection);
  if (zoom > 0.0) {
    // Once the first image is shown (it is fitted when it arrives).
    QObject::connect(
        window.session(), &vitlens::ui::ModelSession::imageReady, &window,
        [&window, zoom] { QTimer::singleShot(0, &window, [&window, zoom] { applyZoom(window, zoom); }); },
        Qt::SingleShotConnection);
  }
  return QApplication::exec();
}
