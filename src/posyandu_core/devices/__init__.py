"""Device drivers: decoders for health-device protocols and their transports.

Decoders are pure (bytes in, typed reading out) and need no extra; transports
(Bluetooth LE via bleak, serial via pyserial) need ``posyandu-core[devices]``
and the simulators ``posyandu-core[simulators]``. Both are imported only when
used.
"""

from __future__ import annotations

from posyandu_core.devices._and import AND, AND_STREAM, parse_and_line
from posyandu_core.devices._ble import (
    MEASUREMENT_CHARACTERISTICS,
    BleAdvertisement,
    BleBackend,
    BleConnection,
    BleReading,
    read_ble,
    read_ble_async,
    scan_ble,
    scan_ble_async,
)
from posyandu_core.devices._bleak import BleakBackend
from posyandu_core.devices._continuous import (
    CAS,
    OHAUS,
    TOLEDO_POS,
    TORREY,
    ContinuousFormat,
    parse_continuous_line,
)
from posyandu_core.devices._driver import DeviceDriver
from posyandu_core.devices._gatt import (
    BLOOD_PRESSURE_SERVICE,
    BODY_COMPOSITION_SERVICE,
    CHARACTERISTICS,
    GLUCOSE_SERVICE,
    HEALTH_SERVICES,
    HEALTH_THERMOMETER_SERVICE,
    WEIGHT_SCALE_SERVICE,
    GattReading,
    decode,
    full_uuid,
    uuid16,
)
from posyandu_core.devices._gatt_bp import (
    BloodPressureFeature,
    BloodPressureMeasurement,
    BloodPressureStatus,
    IntermediateCuffPressure,
    PulseRateRange,
    decode_blood_pressure_feature,
    decode_blood_pressure_measurement,
    decode_intermediate_cuff_pressure,
)
from posyandu_core.devices._gatt_glucose import (
    GlucoseMeasurement,
    GlucoseSensorStatus,
    decode_glucose_measurement,
)
from posyandu_core.devices._gatt_thermometer import (
    TemperatureMeasurement,
    TemperatureType,
    decode_temperature_measurement,
)
from posyandu_core.devices._gatt_time import DateTime, decode_date_time
from posyandu_core.devices._gatt_weight import (
    BodyCompositionMeasurement,
    WeightMeasurement,
    WeightScaleFeature,
    decode_body_composition_measurement,
    decode_weight_measurement,
    decode_weight_scale_feature,
)
from posyandu_core.devices._ieee11073 import (
    MedFloat,
    SpecialValue,
    as_float,
    decode_float,
    decode_sfloat,
    encode_sfloat,
)
from posyandu_core.devices._measurement import (
    Conversion,
    check_plausibility,
    to_measurements,
)
from posyandu_core.devices._mtsics import (
    MT_SICS,
    MT_SICS_STABLE,
    mtsics_crc16,
    parse_mtsics_line,
)
from posyandu_core.devices._scale import (
    MASS_UNITS_KG,
    DeviceReading,
    ScaleProtocol,
    ScaleReading,
    ScaleStatus,
    to_kg,
)
from posyandu_core.devices._serial import (
    SERIAL_PROTOCOLS,
    read_scale,
    read_scale_async,
    read_serial,
    read_serial_async,
)
from posyandu_core.devices._simulators._bumble import (
    BumbleBackend,
    VirtualBlePeripheral,
    VirtualBleRadio,
    blood_pressure_payload,
    weight_payload,
)
from posyandu_core.devices._simulators._pty_scale import (
    ScaleFault,
    ScaleScript,
    VirtualAndScale,
    VirtualMtSicsScale,
)

__all__ = [
    "AND",
    "AND_STREAM",
    "BLOOD_PRESSURE_SERVICE",
    "BODY_COMPOSITION_SERVICE",
    "CAS",
    "CHARACTERISTICS",
    "GLUCOSE_SERVICE",
    "HEALTH_SERVICES",
    "HEALTH_THERMOMETER_SERVICE",
    "MASS_UNITS_KG",
    "MEASUREMENT_CHARACTERISTICS",
    "MT_SICS",
    "MT_SICS_STABLE",
    "OHAUS",
    "SERIAL_PROTOCOLS",
    "TOLEDO_POS",
    "TORREY",
    "WEIGHT_SCALE_SERVICE",
    "BleAdvertisement",
    "BleBackend",
    "BleConnection",
    "BleReading",
    "BleakBackend",
    "BloodPressureFeature",
    "BloodPressureMeasurement",
    "BloodPressureStatus",
    "BodyCompositionMeasurement",
    "BumbleBackend",
    "ContinuousFormat",
    "Conversion",
    "DateTime",
    "DeviceDriver",
    "DeviceReading",
    "GattReading",
    "GlucoseMeasurement",
    "GlucoseSensorStatus",
    "IntermediateCuffPressure",
    "MedFloat",
    "PulseRateRange",
    "ScaleFault",
    "ScaleProtocol",
    "ScaleReading",
    "ScaleScript",
    "ScaleStatus",
    "SpecialValue",
    "TemperatureMeasurement",
    "TemperatureType",
    "VirtualAndScale",
    "VirtualBlePeripheral",
    "VirtualBleRadio",
    "VirtualMtSicsScale",
    "WeightMeasurement",
    "WeightScaleFeature",
    "as_float",
    "blood_pressure_payload",
    "check_plausibility",
    "decode",
    "decode_blood_pressure_feature",
    "decode_blood_pressure_measurement",
    "decode_body_composition_measurement",
    "decode_date_time",
    "decode_float",
    "decode_glucose_measurement",
    "decode_intermediate_cuff_pressure",
    "decode_sfloat",
    "decode_temperature_measurement",
    "decode_weight_measurement",
    "decode_weight_scale_feature",
    "encode_sfloat",
    "full_uuid",
    "mtsics_crc16",
    "parse_and_line",
    "parse_continuous_line",
    "parse_mtsics_line",
    "read_ble",
    "read_ble_async",
    "read_scale",
    "read_scale_async",
    "read_serial",
    "read_serial_async",
    "scan_ble",
    "scan_ble_async",
    "to_kg",
    "to_measurements",
    "uuid16",
    "weight_payload",
]
