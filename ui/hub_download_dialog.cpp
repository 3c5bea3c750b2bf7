#include "ui/hub_download_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <thread>

#include "hub/hub_download.h"

namespace vitlens::ui {
namespace {

// Known-good ViTs vitlens opens, with the size of their float32 weights (parameters x 4 bytes). The descriptions
// are shown as tool tips, so they are marked for translation here and translated where shown.
struct Curated {
  const char* repo;
  const char* what;
};
constexpr Curated kCurated[] = {
    {"google/vit-base-patch16-224",
     QT_TRANSLATE_NOOP("vitlens::ui::HubDownloadDialog", "ViT-B/16, ImageNet-1k (transformers), ~346 MB")},
    {"timm/vit_base_patch16_224.augreg2_in21k_ft_in1k",
     QT_TRANSLATE_NOOP("vitlens::ui::HubDownloadDialog", "ViT-B/16 augreg, ImageNet-1k (timm), ~346 MB")},
    {"facebook/deit-small-patch16-224",
     QT_TRANSLATE_NOOP("vitlens::ui::HubDownloadDialog", "DeiT-S/16, ImageNet-1k (transformers), ~88 MB")},
    {"timm/vit_small_patch14_reg4_dinov2.lvd142m",
     QT_TRANSLATE_NOOP("vitlens::ui::HubDownloadDialog", "DINOv2 ViT-S/14 with 4 registers, features (timm), ~88 MB")},
    {"timm/vit_tiny_patch16_224.augreg_in21k_ft_in1k",
     QT_TRANSLATE_NOOP("vitlens::ui::HubDownloadDialog", "ViT-Ti/16, ImageNet-1k (timm), ~23 MB")},
};

QString megabytes(qint64 bytes) { return QString::number(static_cast<double>(bytes) / 1e6, 'f', 1); }

}  // namespace

HubDownloadDialog::HubDownloadDialog(QWidget* parent) : QDialog(parent) {
  setWindowTitle(tr("Download from Hugging Face"));
  resize(620, 220);
  auto* layout = new QVBoxLayout(this);
  auto* form = new QFormLayout;
  repository_ = new QComboBox;
  repository_->setObjectName(QStringLiteral("hubRepository"));
  repository_->setEditable(true);
  for (const Curated& c : kCurated) {
    repository_->addItem(QString::fromLatin1(c.repo));
    repository_->setItemData(repository_->count() - 1, tr(c.what), Qt::ToolTipRole);
  }
  repository_->setToolTip(
      tr("ORG/NAME of a ViT on the hub (timm or transformers, with model.safetensors); the "
         "list offers a few known to work."));
  form->addRow(tr("&Repository"), repository_);
  revision_ = new QLineEdit(QStringLiteral("main"));
  revision_->setToolTip(tr("A branch, tag or commit."));
  form->addRow(tr("Re&vision"), revision_);
  layout->addLayout(form);
  status_ = new QLabel(tr("Files go into the Hugging Face cache (%1), where timm and transformers find them too.")
                           .arg(QString::fromStdString(hubCacheDir())));
  status_->setObjectName(QStringLiteral("hubDownloadStatus"));
  status_->setWordWrap(true);
  status_->setTextFormat(Qt::PlainText);
  layout->addWidget(status_);
  progress_ = new QProgressBar;
  progress_->hide();
  layout->addWidget(progress_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
  download_ = buttons->addButton(tr("&Download"), QDialogButtonBox::ActionRole);
  cancelButton_ = buttons->addButton(tr("Cancel Download"), QDialogButtonBox::ActionRole);
  cancelButton_->hide();
  layout->addWidget(buttons);
  connect(download_, &QPushButton::clicked, this, &HubDownloadDialog::startDownload);
  connect(cancelButton_, &QPushButton::clicked, this, &HubDownloadDialog::cancelDownload);
  connect(buttons, &QDialogButtonBox::rejected, this, &HubDownloadDialog::reject);
}

HubDownloadDialog::~HubDownloadDialog() {
  if (cancel_) *cancel_ = true;  // libcurl asks the progress callback about once a second even when stalled
  if (worker_.joinable()) worker_.join();
}

QString HubDownloadDialog::status() const { return status_->text(); }

void HubDownloadDialog::startDownload() {
  if (downloading()) return;
  const QString text = repository_->currentText().trimmed();
  const QString revision = revision_->text().trimmed().isEmpty() ? QStringLiteral("main") : revision_->text().trimmed();
  HubReference reference;
  try {
    reference = parseHubReference("hf:" + text.toStdString() + "@" + revision.toStdString());
  } catch (const std::invalid_argument& e) {
    status_->setText(QString::fromStdString(e.what()));
    return;
  }
  cancel_ = std::make_shared<std::atomic<bool>>(false);
  download_->setEnabled(false);
  cancelButton_->show();
  progress_->show();
  progress_->setRange(0, 0);
  status_->setText(tr("Asking the hub about %1…").arg(text));
  clock_.start();
  file_.clear();
  const QString name = QStringLiteral("hf:%1@%2").arg(text, revision);
  if (worker_.joinable()) worker_.join();  // the previous one has announced its end already
  HubDownloadDialog* self = this;
  worker_ = std::thread([self, reference, cancel = cancel_, name] {
    QString error;
    bool cancelled = false;
    try {
      downloadHubModel(reference, {}, [self, cancel](const DownloadProgress& p) {
        if (*cancel) return false;
        const QString file = QString::fromStdString(p.file);
        const qint64 done = static_cast<qint64>(p.done), total = static_cast<qint64>(p.total);
        QMetaObject::invokeMethod(
            self, [self, file, done, total] { self->onProgress(file, done, total); }, Qt::QueuedConnection);
        return true;
      });
    } catch (const DownloadCancelled&) {
      cancelled = true;
    } catch (const std::exception& e) {
      error = QString::fromStdString(e.what());
    }
    if (*cancel && error.isEmpty()) cancelled = true;
    // Posted, not run: if the dialog is going, its destructor has joined this thread and drops the event.
    QMetaObject::invokeMethod(
        self, [self, name, error, cancelled] { self->onDone(name, error, cancelled); }, Qt::QueuedConnection);
  });
}

void HubDownloadDialog::cancelDownload() {
  if (cancel_) *cancel_ = true;
  status_->setText(tr("Cancelling… (what arrived stays in the cache as .incomplete, to resume next time)"));
}

void HubDownloadDialog::reject() {
  cancelDownload();
  QDialog::reject();
}

void HubDownloadDialog::onProgress(const QString& file, qint64 done, qint64 total) {
  if (file != file_) {
    file_ = file;
    clock_.restart();
  }
  progress_->setRange(0, 1000);
  progress_->setValue(total > 0 ? static_cast<int>(1000 * done / total) : 0);
  const double seconds = clock_.elapsed() / 1000.0;
  const double rate = seconds > 0.3 ? static_cast<double>(done) / seconds : 0.0;
  const QString left =
      rate > 0 ? tr(", %1 s left").arg(static_cast<double>(total - done) / rate, 0, 'f', 0) : QString();
  status_->setText(tr("%1: %2 of %3 MB (%4 MB/s%5)")
                       .arg(file, megabytes(done), megabytes(total), QString::number(rate / 1e6, 'f', 1), left));
}

void HubDownloadDialog::onDone(const QString& reference, const QString& error, bool cancelled) {
  cancel_.reset();
  download_->setEnabled(true);
  cancelButton_->hide();
  progress_->hide();
  if (cancelled) {
    status_->setText(tr("Cancelled. Nothing incomplete looks like a model; Download resumes what arrived."));
  } else if (!error.isEmpty()) {
    status_->setText(tr("Could not download: %1").arg(error));
  } else {
    status_->setText(tr("%1 is in the cache; opening it.").arg(reference));
    Q_EMIT modelDownloaded(reference);
  }
  Q_EMIT finished();
}

}  // namespace vitlens::ui
