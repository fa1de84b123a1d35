"""The home page's picture: input -> encoder -> code -> decoder -> reconstruction, from real arrays."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from explorer.core.images import enlarge

IMAGE_SCALE = 7  # 28 px -> 196 px
CELL = 7  # px per latent number in the code column
GAP = 24
FUNNEL = 150  # width of the encoder / decoder shapes
LABEL_ROOM = 56  # px under the drawing for the captions
INK = (31, 36, 48)
ENCODER_FILL = (222, 229, 252)
DECODER_FILL = (253, 230, 214)


def code_colour(value: float, scale: float) -> tuple[int, int, int]:
    """A diverging colour: blue for negative, white for zero, red for positive."""
    t = float(np.clip(value / scale, -1.0, 1.0)) if scale > 0 else 0.0
    end = (67, 97, 238) if t < 0 else (230, 57, 70)
    return tuple(int(round(255 + (c - 255) * abs(t))) for c in end)


def _font(size: int) -> ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def _centred_text(draw: ImageDraw.ImageDraw, x_mid: float, y: float, text: str, font) -> None:
    width = draw.textlength(text, font=font)
    draw.text((x_mid - width / 2, y), text, fill=INK, font=font)


def autoencoder_diagram(original: np.ndarray, code: np.ndarray, reconstruction: np.ndarray) -> np.ndarray:
    """An RGB picture (H x W x 3 uint8) of one image passing through a real autoencoder."""
    code = np.asarray(code, dtype=np.float32).ravel()
    side = 28 * IMAGE_SCALE
    code_height = CELL * len(code)
    width = 2 * side + 2 * FUNNEL + 3 * CELL + 4 * GAP
    height = max(side, code_height) + LABEL_ROOM
    canvas = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(canvas)
    mid = max(side, code_height) / 2
    font = _font(15)

    x = 0
    canvas.paste(Image.fromarray(enlarge(original, IMAGE_SCALE)).convert("RGB"), (x, int(mid - side / 2)))
    draw.rectangle([x, mid - side / 2, x + side - 1, mid + side / 2 - 1], outline=INK)
    _centred_text(draw, x + side / 2, height - LABEL_ROOM + 8, f"input: {np.asarray(original).size} pixels", font)

    x += side + GAP
    enc = [(x, mid - side / 2), (x + FUNNEL, mid - code_height / 2),
           (x + FUNNEL, mid + code_height / 2), (x, mid + side / 2)]
    draw.polygon(enc, fill=ENCODER_FILL, outline=INK)
    _centred_text(draw, x + FUNNEL / 2, mid - 9, "encoder", font)

    x += FUNNEL + GAP
    scale = float(np.abs(code).max())
    for i, value in enumerate(code):
        top = mid - code_height / 2 + i * CELL
        draw.rectangle([x, top, x + 3 * CELL, top + CELL - 1], fill=code_colour(value, scale), outline=INK)
    _centred_text(draw, x + 1.5 * CELL, height - LABEL_ROOM + 8, f"code: {len(code)} numbers", font)

    x += 3 * CELL + GAP
    dec = [(x, mid - code_height / 2), (x + FUNNEL, mid - side / 2),
           (x + FUNNEL, mid + side / 2), (x, mid + code_height / 2)]
    draw.polygon(dec, fill=DECODER_FILL, outline=INK)
    _centred_text(draw, x + FUNNEL / 2, mid - 9, "decoder", font)

    x += FUNNEL + GAP
    canvas.paste(Image.fromarray(enlarge(reconstruction, IMAGE_SCALE)).convert("RGB"), (x, int(mid - side / 2)))
    draw.rectangle([x, mid - side / 2, x + side - 1, mid + side / 2 - 1], outline=INK)
    _centred_text(draw, x + side / 2, height - LABEL_ROOM + 8, "reconstruction", font)
    return np.asarray(canvas)
