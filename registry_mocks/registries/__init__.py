"""The catalogue of registry mocks, in the order the docs and the catalogue endpoint list them."""

from . import (
    address,
    assistance,
    banks,
    border,
    civil,
    communications,
    disability,
    education,
    employment,
    idcard,
    idp,
    labour,
    land,
    military,
    notary,
    penitentiary,
    realestate,
    sspf,
    tax,
    utilities,
    vehicles,
)
from .base import Registry

REGISTRIES: dict[str, Registry] = {
    module.registry.code: module.registry
    for module in (
        civil,
        address,
        idcard,
        tax,
        sspf,
        labour,
        employment,
        disability,
        education,
        military,
        idp,
        realestate,
        land,
        vehicles,
        utilities,
        communications,
        notary,
        banks,
        penitentiary,
        assistance,
        border,
    )
}


def get_registry(code: str) -> Registry | None:
    return REGISTRIES.get(code)
