"""Frames of greyscale pictures -> animated GIF or PNG bytes with Pillow, for the pages' downloads.

Frames are [0, 1] floats or uint8, H x W; they are enlarged with nearest-neighbour (no blur over the
pixels) and may carry a caption strip, drawn in PIL's default font under the picture.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from explorer.core.images import tile

CAPTION_HEIGHT = 14  # pixels of the strip under each frame that holds its caption
FRAME_MS = 120  # how long each frame shows
LAST_FRAME_MS = 1200  # the result stays up a little before the loop starts again
GREY_LEVELS = 32  # shades kept in a GIF: plenty for digits, and noise then packs into far fewer bytes


def _grey(frame: np.ndarray, levels: int = 256) -> np.ndarray:
    frame = np.asarray(frame)
    if frame.dtype == np.uint8:
        frame = frame.astype(np.float32) / 255.0
    level = np.round(np.clip(frame.astype(np.float32), 0.0, 1.0) * (levels - 1))
    return (level * 255.0 / (levels - 1) + 0.5).astype(np.uint8).reshape(frame.shape[-2:])


def picture(frame: np.ndarray, factor: int = 3, caption: str | None = None, levels: int = 256) -> Image.Image:
    """One greyscale frame as an enlarged Pillow image ("L" mode) in `levels` shades, with its caption strip
    when given."""
    image = Image.fromarray(_grey(frame, levels), mode="L")
    image = image.resize((image.width * factor, image.height * factor), Image.Resampling.NEAREST)
    if caption is None:
        return image
    framed = Image.new("L", (image.width, image.height + CAPTION_HEIGHT), 255)
    framed.paste(image, (0, 0))
    ImageDraw.Draw(framed).text((3, image.height + 1), caption, fill=0, font=ImageFont.load_default())
    return framed


def gif_bytes(frames: Sequence[np.ndarray], *, factor: int = 3, captions: Sequence[str] | None = None,
              frame_ms: int = FRAME_MS, last_frame_ms: int = LAST_FRAME_MS) -> bytes:
    """An animated GIF that loops for ever: one frame per picture, the last held a little longer."""
    if len(frames) == 0:
        raise ValueError("a GIF needs at least one frame")
    if captions is not None and len(captions) != len(frames):
        raise ValueError(f"{len(captions)} captions for {len(frames)} frames")
    images = [picture(frame, factor, None if captions is None else captions[i], GREY_LEVELS)
              for i, frame in enumerate(frames)]
    durations = [frame_ms] * (len(images) - 1) + [last_frame_ms]
    buffer = io.BytesIO()
    images[0].save(buffer, format="GIF", save_all=True, append_images=images[1:], duration=durations, loop=0,
                   optimize=False, disposal=1)
    return buffer.getvalue()


def png_bytes(frame: np.ndarray, *, factor: int = 3, caption: str | None = None, optimize: bool = True) -> bytes:
    """One greyscale picture (a grid of images, say) as PNG bytes; optimize=False makes it several times faster and
    hardly larger, for pictures shown rather than downloaded."""
    buffer = io.BytesIO()
    picture(frame, factor, caption).save(buffer, format="PNG", optimize=optimize)
    return buffer.getvalue()


def side_by_side(left: np.ndarray, right: np.ndarray, gap: int = 2) -> np.ndarray:
    """Two H x W pictures in [0, 1] as one, with a grey gap between (heights padded with grey)."""
    left, right = np.asarray(left, np.float32), np.asarray(right, np.float32)
    height = max(left.shape[0], right.shape[0])
    out = np.full((height, left.shape[1] + gap + right.shape[1]), 0.5, dtype=np.float32)
    out[:left.shape[0], :left.shape[1]] = left
    out[:right.shape[0], left.shape[1] + gap:] = right
    return out


def grid_png(images: np.ndarray, columns: int, *, factor: int = 3, caption: str | None = None,
             optimize: bool = True) -> bytes:
    """N x 28 x 28 images in [0, 1] tiled `columns` wide with grey gaps, as PNG bytes."""
    return png_bytes(tile(images, columns), factor=factor, caption=caption, optimize=optimize)
