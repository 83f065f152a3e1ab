// attend_lstm_l0_step_v20: one time step of attend_lstm_l0: %20 (seq2seq_attention.cell:41)
// one thread per element of [B, S, 64]

struct Sizes { S: u32, T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;
@group(0) @binding(2) var<storage, read> params_buf: array<f32>;

fn tanh_safe(x: f32) -> f32 { let e = exp(-2.0 * abs(x)); return sign(x) * (1.0 - e) / (1.0 + e); }

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 64u * sizes.B * sizes.S) { return; }
  let tau = sizes.step; // time index
  let read_slot = tau;
  let write_slot = tau + 1u;
  let i2 = id % 64u;
  let rest = id / 64u;
  let i1 = rest % sizes.S;
  let rest_2 = rest / sizes.S;
  let i0 = rest_2;
  let hoisted12 = work_buf[260u * sizes.B * sizes.S + 72u * sizes.B + 408u * sizes.B * sizes.T + 4u * sizes.B * sizes.S * sizes.T + 4u + ((i0) * sizes.S + i1) * 64u + i2];
  let matmul14 = work_buf[388u * sizes.B * sizes.S + 72u * sizes.B + 408u * sizes.B * sizes.T + 4u * sizes.B * sizes.S * sizes.T + 4u + i0 * 320u + i2 + 0u];
  let add17 = (hoisted12 + matmul14);
  let tanh18 = tanh_safe(add17);
  let v = params_buf[142352u + i2];
  let mul20 = (tanh18 * v);
  work_buf[324u * sizes.B * sizes.S + 72u * sizes.B + 408u * sizes.B * sizes.T + 4u * sizes.B * sizes.S * sizes.T + 4u + ((i0) * sizes.S + i1) * 64u + i2] = mul20;
}
