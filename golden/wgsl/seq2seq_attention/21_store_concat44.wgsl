// store_concat44: computes %44 (seq2seq_attention.cell:69)
// one thread per element of [1, B, 128]

struct Sizes { S: u32, T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 128u * sizes.B) { return; }
  let i2 = id % 128u;
  let rest = id / 128u;
  let i1 = rest % sizes.B;
  let rest_2 = rest / sizes.B;
  let i0 = rest_2;
  var concat44: f32;
  if (i2 < 64u) {
    let c_enc = work_buf[392u * sizes.B * sizes.S + 200u * sizes.B + 408u * sizes.B * sizes.T + 4u * sizes.B * sizes.S * sizes.T + 4u + ((i0 + 0u) * sizes.B + i1) * 64u + i2 - 0u];
    concat44 = c_enc;
  } else {
    let c_enc_2 = work_buf[392u * sizes.B * sizes.S + 200u * sizes.B + 408u * sizes.B * sizes.T + 4u * sizes.B * sizes.S * sizes.T + 4u + ((i0 + 1u) * sizes.B + i1) * 64u + i2 - 64u];
    concat44 = c_enc_2;
  }
  work_buf[392u * sizes.B * sizes.S + 72u * sizes.B + 408u * sizes.B * sizes.T + 4u * sizes.B * sizes.S * sizes.T + 4u + ((i0) * sizes.B + i1) * 128u + i2] = concat44;
}
