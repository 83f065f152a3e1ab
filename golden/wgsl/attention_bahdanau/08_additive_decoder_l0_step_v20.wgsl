// additive_decoder_l0_step_v20: one time step of additive_decoder_l0: %20 (attention_bahdanau.cell:22)
// one thread per element of [B, S, 10]

struct Sizes { T: u32, S: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;
@group(0) @binding(2) var<storage, read> params_buf: array<f32>;

fn tanh_safe(x: f32) -> f32 { let e = exp(-2.0 * abs(x)); return sign(x) * (1.0 - e) / (1.0 + e); }

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 10u * sizes.B * sizes.S) { return; }
  let tau = sizes.step; // time index
  let read_slot = tau;
  let write_slot = tau + 1u;
  let i2 = id % 10u;
  let rest = id / 10u;
  let i1 = rest % sizes.S;
  let rest_2 = rest / sizes.S;
  let i0 = rest_2;
  let hoisted12 = work_buf[24u * sizes.B * sizes.T + 24u * sizes.B * sizes.S + 84u * sizes.B + 4u * sizes.B * sizes.S * sizes.T + ((i0) * sizes.S + i1) * 10u + i2];
  let matmul14 = work_buf[24u * sizes.B * sizes.T + 68u * sizes.B * sizes.S + 84u * sizes.B + 4u * sizes.B * sizes.S * sizes.T + i0 * 74u + i2 + 0u];
  let add17 = (hoisted12 + matmul14);
  let tanh18 = tanh_safe(add17);
  let v = params_buf[2712u + i2];
  let mul20 = (tanh18 * v);
  work_buf[24u * sizes.B * sizes.T + 36u * sizes.B * sizes.S + 84u * sizes.B + 4u * sizes.B * sizes.S * sizes.T + ((i0) * sizes.S + i1) * 10u + i2] = mul20;
}
